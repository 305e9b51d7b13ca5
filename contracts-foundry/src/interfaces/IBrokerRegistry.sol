// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IBrokerRegistry
/// @notice The V1 wire protocol of the global broker registry: operators register their broker's
/// request contract, encryption key, region and load; clients list the active brokers.
/// @dev Everything declared here is part of the documented ABI (see ARCHITECTURE.md) and must not change.
interface IBrokerRegistry {
    /// @notice One registered broker; `capacity` 0 means unlimited.
    struct Broker {
        address operator;
        address requestsContract;
        bytes encryptionPubkey;
        string region;
        bool active;
        uint256 capacity;
        uint256 currentLoad;
        uint256 registeredAt;
    }

    /// @notice `operator` registered broker `brokerId` with its request contract and region.
    event BrokerRegistered(uint256 indexed brokerId, address indexed operator, address requestsContract, string region);

    /// @notice Broker `brokerId` changed its pubkey, region or capacity.
    event BrokerUpdated(uint256 indexed brokerId, address indexed operator);

    /// @notice Broker `brokerId` stopped taking requests (by its operator or by removal).
    event BrokerDeactivated(uint256 indexed brokerId, address indexed operator);

    /// @notice Broker `brokerId` takes requests again.
    event BrokerActivated(uint256 indexed brokerId, address indexed operator);

    /// @notice Broker `brokerId` reported its current load.
    event BrokerLoadUpdated(uint256 indexed brokerId, uint256 currentLoad);

    /// @notice Registers the sender as the operator of a new, active broker; returns its id (from 1).
    function registerBroker(
        address requestsContract,
        bytes calldata encryptionPubkey,
        string calldata region,
        uint256 capacity
    ) external returns (uint256 brokerId);

    /// @notice Replaces the sender's broker encryption key (65-byte uncompressed secp256k1).
    function updateEncryptionPubkey(bytes calldata encryptionPubkey) external;

    /// @notice Replaces the sender's broker region.
    function updateRegion(string calldata region) external;

    /// @notice Replaces the sender's broker capacity (0 = unlimited).
    function updateCapacity(uint256 capacity) external;

    /// @notice Reports the sender's broker current load.
    function updateLoad(uint256 currentLoad) external;

    /// @notice Marks the sender's broker active.
    function activate() external;

    /// @notice Marks the sender's broker inactive.
    function deactivate() external;

    /// @notice Deactivates broker `brokerId` and frees its operator and request contract (owner only); ids are kept.
    function removeBroker(uint256 brokerId) external;

    /// @notice Returns broker `brokerId`; reverts with "Invalid broker ID" when it does not exist.
    function getBroker(uint256 brokerId) external view returns (Broker memory);

    /// @notice Returns the ids and records of the active brokers, in id order.
    function getActiveBrokers() external view returns (uint256[] memory ids, Broker[] memory active);

    /// @notice Returns the ids and records of the active brokers whose region equals `region` exactly.
    function getActiveBrokersByRegion(string calldata region)
        external
        view
        returns (uint256[] memory ids, Broker[] memory active);

    /// @notice Returns how many brokers were ever registered (the highest id).
    function getBrokerCount() external view returns (uint256);

    /// @notice True when `account` operates a registered (not removed) broker.
    function isOperator(address account) external view returns (bool);

    /// @notice Public getter of the broker table; an unknown id returns an all-zero broker.
    function brokers(uint256 brokerId)
        external
        view
        returns (
            address operator,
            address requestsContract,
            bytes memory encryptionPubkey,
            string memory region,
            bool active,
            uint256 capacity,
            uint256 currentLoad,
            uint256 registeredAt
        );

    /// @notice The broker id operated by `operator`, or 0.
    function operatorToBrokerId(address operator) external view returns (uint256);

    /// @notice The broker id that registered `requestsContract`, or 0.
    function requestsContractToBrokerId(address requestsContract) external view returns (uint256);
}

/// @title BrokerRegistryErrors
/// @notice The V1 revert reasons of BrokerRegistry, verbatim; they stay `Error(string)` reverts.
library BrokerRegistryErrors {
    string internal constant INVALID_REQUESTS_CONTRACT = "Invalid requests contract";
    string internal constant REGISTER_PUBKEY_LENGTH = "Pubkey must be 65 bytes (uncompressed secp256k1)";
    string internal constant UPDATE_PUBKEY_LENGTH = "Pubkey must be 65 bytes";
    string internal constant OPERATOR_REGISTERED = "Operator already registered";
    string internal constant REQUESTS_CONTRACT_REGISTERED = "Requests contract already registered";
    string internal constant NOT_OPERATOR = "Not a registered operator";
    string internal constant INVALID_BROKER_ID = "Invalid broker ID";
}
