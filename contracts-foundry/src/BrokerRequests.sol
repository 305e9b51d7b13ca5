// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IBrokerRequests, BrokerRequestsErrors as E} from "./interfaces/IBrokerRequests.sol";

/// @title BrokerRequests
/// @notice One broker's request box: a Blockhost server that owns an ERC721 contract submits an
/// ECIES-encrypted request, and the broker's operator (the owner) answers it with an encrypted
/// response or a readable rejection.
/// @dev The owner is passed to the constructor so a deployer key can create the contract for an
/// operator. An NFT contract keeps its request id in `nftContractToRequestId` after any answer
/// (V1 rule); only `markExpired` or the owner's `releaseAllocation` clears it.
contract BrokerRequests is IBrokerRequests, Ownable {
    /// @notice The shortest expiration time the owner may set.
    uint256 public constant MIN_REQUEST_EXPIRATION_TIME = 1 hours;
    /// @notice The longest expiration time the owner may set.
    uint256 public constant MAX_REQUEST_EXPIRATION_TIME = 7 days;

    /// @dev ERC165 interface id of ERC721.
    bytes4 private constant ERC721_INTERFACE_ID = 0x80ac58cd;
    /// @dev EIP-165 promises supportsInterface costs under 30,000 gas; the cap keeps a hostile
    /// contract from burning the whole transaction and turns it into a plain "no".
    uint256 private constant ERC165_GAS_LIMIT = 30_000;

    /// @inheritdoc IBrokerRequests
    mapping(uint256 => Request) public requests;
    /// @inheritdoc IBrokerRequests
    mapping(address => uint256) public nftContractToRequestId;
    /// @inheritdoc IBrokerRequests
    mapping(address => uint256[]) public requesterToRequestIds;
    /// @inheritdoc IBrokerRequests
    uint256 public requestExpirationTime = 24 hours;

    uint256 private _requestCount;
    /// @dev Ids still in status Pending (expired or not), so getPendingRequests costs O(pending), not O(all).
    uint256[] private _pendingIds;
    /// @dev Position + 1 of an id in `_pendingIds`; 0 when absent.
    mapping(uint256 => uint256) private _pendingSlot;

    /// @notice Creates the request box owned by `initialOwner`, the broker's operator.
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @inheritdoc IBrokerRequests
    function submitRequest(address nftContract, bytes calldata encryptedPayload) external returns (uint256 requestId) {
        require(nftContract != address(0), E.INVALID_NFT_CONTRACT);
        require(encryptedPayload.length > 0, E.EMPTY_PAYLOAD);
        require(nftContractToRequestId[nftContract] == 0, E.NFT_ALREADY_HAS_REQUEST);
        require(nftContract.code.length > 0, E.NFT_DOES_NOT_EXIST);
        require(_supportsErc721(nftContract), E.NOT_ERC721);
        require(_isOwnedBy(nftContract, msg.sender), E.NOT_NFT_OWNER);

        requestId = ++_requestCount;
        Request storage request = requests[requestId];
        request.id = requestId;
        request.requester = msg.sender;
        request.nftContract = nftContract;
        request.encryptedPayload = encryptedPayload;
        request.submittedAt = block.timestamp;

        nftContractToRequestId[nftContract] = requestId;
        requesterToRequestIds[msg.sender].push(requestId);
        _pendingIds.push(requestId);
        _pendingSlot[requestId] = _pendingIds.length;

        emit RequestSubmitted(requestId, msg.sender, nftContract, encryptedPayload);
    }

    /// @inheritdoc IBrokerRequests
    function submitResponse(
        uint256 requestId,
        bool approved,
        bytes calldata encryptedPayload,
        string calldata rejectionReason
    ) external onlyOwner {
        require(_exists(requestId), E.INVALID_REQUEST_ID);
        Request storage request = requests[requestId];
        require(request.status == RequestStatus.Pending, E.REQUEST_NOT_PENDING);
        require(!_isPastExpiry(request), E.REQUEST_EXPIRED);
        require(!approved || encryptedPayload.length > 0, E.APPROVAL_NEEDS_PAYLOAD);

        RequestStatus status = approved ? RequestStatus.Approved : RequestStatus.Rejected;
        request.status = status;
        request.responsePayload = encryptedPayload;
        request.rejectionReason = rejectionReason;
        request.respondedAt = block.timestamp;
        _removePending(requestId);

        emit ResponseSubmitted(requestId, status, encryptedPayload);
    }

    /// @inheritdoc IBrokerRequests
    /// @dev Unknown, answered, already expired and not-yet-expired ids are skipped, so one stale id
    /// never makes a whole batch revert.
    function markExpired(uint256[] calldata requestIds) external {
        for (uint256 i = 0; i < requestIds.length; i++) {
            uint256 requestId = requestIds[i];
            if (!_exists(requestId)) continue;
            Request storage request = requests[requestId];
            if (request.status != RequestStatus.Pending || !_isPastExpiry(request)) continue;

            request.status = RequestStatus.Expired;
            _removePending(requestId);
            // The owner may already have released this NFT contract and a new request may hold it.
            if (nftContractToRequestId[request.nftContract] == requestId) {
                delete nftContractToRequestId[request.nftContract];
            }
            emit RequestExpired(requestId);
        }
    }

    /// @inheritdoc IBrokerRequests
    function releaseAllocation(address nftContract) external onlyOwner {
        uint256 requestId = nftContractToRequestId[nftContract];
        require(requestId != 0, E.NO_ALLOCATION);
        delete nftContractToRequestId[nftContract];
        emit AllocationReleased(nftContract, requestId);
    }

    /// @inheritdoc IBrokerRequests
    function setRequestExpirationTime(uint256 expirationTime) external onlyOwner {
        require(
            expirationTime >= MIN_REQUEST_EXPIRATION_TIME && expirationTime <= MAX_REQUEST_EXPIRATION_TIME,
            E.EXPIRATION_OUT_OF_RANGE
        );
        requestExpirationTime = expirationTime;
        emit RequestExpirationTimeUpdated(expirationTime);
    }

    /// @inheritdoc IBrokerRequests
    function getRequest(uint256 requestId) external view returns (Request memory) {
        require(_exists(requestId), E.INVALID_REQUEST_ID);
        return requests[requestId];
    }

    /// @inheritdoc IBrokerRequests
    /// @dev Order is not guaranteed: answered ids leave the pending set by swap-and-pop.
    function getPendingRequests() external view returns (uint256[] memory ids, Request[] memory pending) {
        uint256 live = 0;
        for (uint256 i = 0; i < _pendingIds.length; i++) {
            if (!_isPastExpiry(requests[_pendingIds[i]])) live++;
        }
        ids = new uint256[](live);
        pending = new Request[](live);
        uint256 next = 0;
        for (uint256 i = 0; i < _pendingIds.length; i++) {
            Request storage request = requests[_pendingIds[i]];
            if (_isPastExpiry(request)) continue;
            ids[next] = request.id;
            pending[next] = request;
            next++;
        }
    }

    /// @inheritdoc IBrokerRequests
    function getRequestsByRequester(address requester) external view returns (Request[] memory result) {
        uint256[] storage ids = requesterToRequestIds[requester];
        result = new Request[](ids.length);
        for (uint256 i = 0; i < ids.length; i++) {
            result[i] = requests[ids[i]];
        }
    }

    /// @inheritdoc IBrokerRequests
    function getRequestCount() external view returns (uint256) {
        return _requestCount;
    }

    function _exists(uint256 requestId) private view returns (bool) {
        return requestId != 0 && requestId <= _requestCount;
    }

    /// @dev "Past expiry" is strictly after submittedAt + requestExpirationTime, with the current setting.
    function _isPastExpiry(Request storage request) private view returns (bool) {
        return block.timestamp > request.submittedAt + requestExpirationTime;
    }

    function _removePending(uint256 requestId) private {
        uint256 slot = _pendingSlot[requestId];
        uint256 lastId = _pendingIds[_pendingIds.length - 1];
        _pendingIds[slot - 1] = lastId;
        _pendingSlot[lastId] = slot;
        _pendingIds.pop();
        delete _pendingSlot[requestId];
    }

    /// @dev A reverting, silent, malformed or gas-hungry supportsInterface all count as "not ERC721".
    function _supportsErc721(address target) private view returns (bool) {
        (bool ok, bytes memory ret) = target.staticcall{gas: ERC165_GAS_LIMIT}(
            abi.encodeWithSignature("supportsInterface(bytes4)", ERC721_INTERFACE_ID)
        );
        return ok && ret.length >= 32 && abi.decode(ret, (uint256)) == 1;
    }

    /// @dev Ownable.owner() must answer exactly one 32-byte word holding `account`, high bits clean.
    function _isOwnedBy(address target, address account) private view returns (bool) {
        (bool ok, bytes memory ret) = target.staticcall(abi.encodeWithSignature("owner()"));
        return ok && ret.length == 32 && abi.decode(ret, (uint256)) == uint256(uint160(account));
    }
}
