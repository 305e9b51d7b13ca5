// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IBrokerRequests
/// @notice The V1 wire protocol of a broker's request contract: Blockhost servers submit encrypted
/// requests for an NFT contract they own, and the broker's operator answers them on-chain.
/// @dev Everything declared here is part of the documented ABI (see ARCHITECTURE.md) and must not change;
/// `AllocationReleased`, `RequestExpirationTimeUpdated` and the two bound constants are additive extras.
interface IBrokerRequests {
    /// @notice Lifecycle of a request; the numbers are part of the ABI (uint8).
    enum RequestStatus {
        Pending, // 0
        Approved, // 1
        Rejected, // 2
        Expired // 3
    }

    /// @notice One request and, once answered, its response.
    struct Request {
        uint256 id;
        address requester;
        address nftContract;
        bytes encryptedPayload;
        RequestStatus status;
        bytes responsePayload;
        string rejectionReason;
        uint256 submittedAt;
        uint256 respondedAt;
    }

    /// @notice A server submitted request `requestId` for `nftContract`.
    event RequestSubmitted(
        uint256 indexed requestId, address indexed requester, address indexed nftContract, bytes encryptedPayload
    );

    /// @notice The operator answered request `requestId` with `status` (1 Approved, 2 Rejected).
    event ResponseSubmitted(uint256 indexed requestId, RequestStatus status, bytes encryptedPayload);

    /// @notice Request `requestId` passed its expiry unanswered and was marked Expired.
    event RequestExpired(uint256 indexed requestId);

    /// @notice The operator released the allocation of `nftContract` held by request `requestId` (additive).
    event AllocationReleased(address indexed nftContract, uint256 indexed requestId);

    /// @notice The operator changed how long requests stay answerable (additive).
    event RequestExpirationTimeUpdated(uint256 expirationTime);

    /// @notice Submits an encrypted request for an ERC721 contract the sender owns; returns its id (from 1).
    function submitRequest(address nftContract, bytes calldata encryptedPayload) external returns (uint256 requestId);

    /// @notice Answers a pending, unexpired request (owner only); an approval must carry a payload.
    function submitResponse(
        uint256 requestId,
        bool approved,
        bytes calldata encryptedPayload,
        string calldata rejectionReason
    ) external;

    /// @notice Marks the given pending requests that are past expiry as Expired; other ids are skipped.
    function markExpired(uint256[] calldata requestIds) external;

    /// @notice Frees `nftContract` so its owner may submit a new request (owner only).
    function releaseAllocation(address nftContract) external;

    /// @notice Sets how long a request stays answerable, between 1 hour and 7 days (owner only).
    function setRequestExpirationTime(uint256 expirationTime) external;

    /// @notice Returns request `requestId`; reverts with "Invalid request ID" when it does not exist.
    function getRequest(uint256 requestId) external view returns (Request memory);

    /// @notice Returns the ids and contents of the requests that are pending and not past expiry.
    function getPendingRequests() external view returns (uint256[] memory ids, Request[] memory pending);

    /// @notice Returns every request submitted by `requester`, oldest first.
    function getRequestsByRequester(address requester) external view returns (Request[] memory);

    /// @notice Returns how many requests were ever submitted (the highest id).
    function getRequestCount() external view returns (uint256);

    /// @notice Public getter of the request table; an unknown id returns an all-zero request.
    function requests(uint256 requestId)
        external
        view
        returns (
            uint256 id,
            address requester,
            address nftContract,
            bytes memory encryptedPayload,
            RequestStatus status,
            bytes memory responsePayload,
            string memory rejectionReason,
            uint256 submittedAt,
            uint256 respondedAt
        );

    /// @notice The request that holds `nftContract`, or 0; kept after an answer until expiry or release.
    function nftContractToRequestId(address nftContract) external view returns (uint256);

    /// @notice The `index`-th request id submitted by `requester`.
    function requesterToRequestIds(address requester, uint256 index) external view returns (uint256);

    /// @notice Seconds after submission during which a request can be answered (default 24 hours).
    function requestExpirationTime() external view returns (uint256);
}

/// @title BrokerRequestsErrors
/// @notice The V1 revert reasons of BrokerRequests, verbatim; they stay `Error(string)` reverts.
library BrokerRequestsErrors {
    string internal constant INVALID_NFT_CONTRACT = "Invalid NFT contract address";
    string internal constant EMPTY_PAYLOAD = "Empty payload";
    string internal constant NFT_ALREADY_HAS_REQUEST = "NFT contract already has a request";
    string internal constant NFT_DOES_NOT_EXIST = "NFT contract does not exist";
    string internal constant NOT_ERC721 = "Not an ERC721 contract";
    string internal constant NOT_NFT_OWNER = "Sender does not own NFT contract";
    string internal constant INVALID_REQUEST_ID = "Invalid request ID";
    string internal constant REQUEST_NOT_PENDING = "Request not pending";
    string internal constant REQUEST_EXPIRED = "Request expired";
    string internal constant APPROVAL_NEEDS_PAYLOAD = "Approved response requires payload";
    string internal constant NO_ALLOCATION = "No allocation for this NFT contract";
    string internal constant EXPIRATION_OUT_OF_RANGE = "Expiration time must be between 1 hour and 7 days";
}
