// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IBrokerRegistry, BrokerRegistryErrors as E} from "./interfaces/IBrokerRegistry.sol";

/// @title BrokerRegistry
/// @notice The global list of brokers: each operator registers one broker with its BrokerRequests
/// contract, ECIES encryption key, region and capacity, and keeps its load and status current.
/// @dev The owner (the registry's admin) can only remove brokers. Removal keeps the broker's record
/// and id (inactive, for history) and frees its operator and request contract so they may register again.
contract BrokerRegistry is IBrokerRegistry, Ownable {
    /// @dev Length of an uncompressed secp256k1 public key (0x04 || X || Y).
    uint256 private constant PUBKEY_LENGTH = 65;

    /// @inheritdoc IBrokerRegistry
    mapping(uint256 => Broker) public brokers;
    /// @inheritdoc IBrokerRegistry
    mapping(address => uint256) public operatorToBrokerId;
    /// @inheritdoc IBrokerRegistry
    mapping(address => uint256) public requestsContractToBrokerId;

    uint256 private _brokerCount;

    /// @notice Creates the registry administered by `initialOwner`.
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @inheritdoc IBrokerRegistry
    function registerBroker(
        address requestsContract,
        bytes calldata encryptionPubkey,
        string calldata region,
        uint256 capacity
    ) external returns (uint256 brokerId) {
        require(requestsContract != address(0), E.INVALID_REQUESTS_CONTRACT);
        require(encryptionPubkey.length == PUBKEY_LENGTH, E.REGISTER_PUBKEY_LENGTH);
        require(operatorToBrokerId[msg.sender] == 0, E.OPERATOR_REGISTERED);
        require(requestsContractToBrokerId[requestsContract] == 0, E.REQUESTS_CONTRACT_REGISTERED);

        brokerId = ++_brokerCount;
        brokers[brokerId] = Broker({
            operator: msg.sender,
            requestsContract: requestsContract,
            encryptionPubkey: encryptionPubkey,
            region: region,
            active: true,
            capacity: capacity,
            currentLoad: 0,
            registeredAt: block.timestamp
        });
        operatorToBrokerId[msg.sender] = brokerId;
        requestsContractToBrokerId[requestsContract] = brokerId;

        emit BrokerRegistered(brokerId, msg.sender, requestsContract, region);
    }

    /// @inheritdoc IBrokerRegistry
    function updateEncryptionPubkey(bytes calldata encryptionPubkey) external {
        uint256 brokerId = _callerBrokerId();
        require(encryptionPubkey.length == PUBKEY_LENGTH, E.UPDATE_PUBKEY_LENGTH);
        brokers[brokerId].encryptionPubkey = encryptionPubkey;
        emit BrokerUpdated(brokerId, msg.sender);
    }

    /// @inheritdoc IBrokerRegistry
    function updateRegion(string calldata region) external {
        uint256 brokerId = _callerBrokerId();
        brokers[brokerId].region = region;
        emit BrokerUpdated(brokerId, msg.sender);
    }

    /// @inheritdoc IBrokerRegistry
    function updateCapacity(uint256 capacity) external {
        uint256 brokerId = _callerBrokerId();
        brokers[brokerId].capacity = capacity;
        emit BrokerUpdated(brokerId, msg.sender);
    }

    /// @inheritdoc IBrokerRegistry
    function updateLoad(uint256 currentLoad) external {
        uint256 brokerId = _callerBrokerId();
        brokers[brokerId].currentLoad = currentLoad;
        emit BrokerLoadUpdated(brokerId, currentLoad);
    }

    /// @inheritdoc IBrokerRegistry
    function activate() external {
        uint256 brokerId = _callerBrokerId();
        brokers[brokerId].active = true;
        emit BrokerActivated(brokerId, msg.sender);
    }

    /// @inheritdoc IBrokerRegistry
    function deactivate() external {
        uint256 brokerId = _callerBrokerId();
        brokers[brokerId].active = false;
        emit BrokerDeactivated(brokerId, msg.sender);
    }

    /// @inheritdoc IBrokerRegistry
    function removeBroker(uint256 brokerId) external onlyOwner {
        require(_exists(brokerId), E.INVALID_BROKER_ID);
        Broker storage broker = brokers[brokerId];
        broker.active = false;
        // After a removal the operator may have registered again under a new id; leave that one alone.
        if (operatorToBrokerId[broker.operator] == brokerId) delete operatorToBrokerId[broker.operator];
        if (requestsContractToBrokerId[broker.requestsContract] == brokerId) {
            delete requestsContractToBrokerId[broker.requestsContract];
        }
        emit BrokerDeactivated(brokerId, broker.operator);
    }

    /// @inheritdoc IBrokerRegistry
    function getBroker(uint256 brokerId) external view returns (Broker memory) {
        require(_exists(brokerId), E.INVALID_BROKER_ID);
        return brokers[brokerId];
    }

    /// @inheritdoc IBrokerRegistry
    function getActiveBrokers() external view returns (uint256[] memory ids, Broker[] memory active) {
        return _activeBrokersMatching(false, bytes32(0));
    }

    /// @inheritdoc IBrokerRegistry
    function getActiveBrokersByRegion(string calldata region)
        external
        view
        returns (uint256[] memory ids, Broker[] memory active)
    {
        return _activeBrokersMatching(true, keccak256(bytes(region)));
    }

    /// @inheritdoc IBrokerRegistry
    function getBrokerCount() external view returns (uint256) {
        return _brokerCount;
    }

    /// @inheritdoc IBrokerRegistry
    function isOperator(address account) external view returns (bool) {
        return operatorToBrokerId[account] != 0;
    }

    function _exists(uint256 brokerId) private view returns (bool) {
        return brokerId != 0 && brokerId <= _brokerCount;
    }

    function _callerBrokerId() private view returns (uint256 brokerId) {
        brokerId = operatorToBrokerId[msg.sender];
        require(brokerId != 0, E.NOT_OPERATOR);
    }

    function _matches(Broker storage broker, bool byRegion, bytes32 regionHash) private view returns (bool) {
        return broker.active && (!byRegion || keccak256(bytes(broker.region)) == regionHash);
    }

    /// @dev Two passes (count, then fill) because memory arrays cannot grow.
    function _activeBrokersMatching(bool byRegion, bytes32 regionHash)
        private
        view
        returns (uint256[] memory ids, Broker[] memory active)
    {
        uint256 count = 0;
        for (uint256 id = 1; id <= _brokerCount; id++) {
            if (_matches(brokers[id], byRegion, regionHash)) count++;
        }
        ids = new uint256[](count);
        active = new Broker[](count);
        uint256 next = 0;
        for (uint256 id = 1; id <= _brokerCount && next < count; id++) {
            if (!_matches(brokers[id], byRegion, regionHash)) continue;
            ids[next] = id;
            active[next] = brokers[id];
            next++;
        }
    }
}
