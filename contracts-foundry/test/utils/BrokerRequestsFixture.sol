// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Test} from "forge-std/Test.sol";
import {BrokerRequests} from "../../src/BrokerRequests.sol";
import {IBrokerRequests} from "../../src/interfaces/IBrokerRequests.sol";
import {TestNFT} from "../../src/test/TestNFT.sol";

/// @notice Shared set-up for BrokerRequests tests: an operator-owned contract and NFTs owned by servers.
abstract contract BrokerRequestsFixture is Test {
    uint256 internal constant DEFAULT_EXPIRATION = 24 hours;
    uint256 internal constant START_TIME = 1_700_000_000;

    BrokerRequests internal requests;
    address internal operator = makeAddr("operator");
    address internal server = makeAddr("server");
    address internal stranger = makeAddr("stranger");
    TestNFT internal nft;

    bytes internal requestPayload = hex"04aabbccddeeff00112233445566778899";
    bytes internal responsePayload = hex"04ffeeddccbbaa99887766554433221100";

    function setUp() public virtual {
        vm.warp(START_TIME);
        requests = new BrokerRequests(operator);
        nft = new TestNFT(server);
    }

    /// @dev Submits `requestPayload` for `target` as `sender`.
    function _submitAs(address sender, address target) internal returns (uint256) {
        vm.prank(sender);
        return requests.submitRequest(target, requestPayload);
    }

    /// @dev Submits the default request: `server` for `nft`.
    function _submit() internal returns (uint256) {
        return _submitAs(server, address(nft));
    }

    /// @dev Submits the default request, then lets an hour pass (well inside the 24-hour expiry).
    function _submitThenWaitAnHour() internal returns (uint256 requestId) {
        requestId = _submit();
        vm.warp(block.timestamp + 1 hours);
    }

    /// @dev A fresh TestNFT owned by `owner_`.
    function _newNft(address owner_) internal returns (address) {
        return address(new TestNFT(owner_));
    }

    function _approve(uint256 requestId) internal {
        vm.prank(operator);
        requests.submitResponse(requestId, true, responsePayload, "");
    }

    function _reject(uint256 requestId, string memory reason) internal {
        vm.prank(operator);
        requests.submitResponse(requestId, false, "", reason);
    }

    function _markExpired(uint256 requestId) internal {
        uint256[] memory ids = new uint256[](1);
        ids[0] = requestId;
        requests.markExpired(ids);
    }

    /// @dev The last second at which the request can still be answered: submittedAt + requestExpirationTime.
    function _deadline(uint256 requestId) internal view returns (uint256) {
        return requests.getRequest(requestId).submittedAt + requests.requestExpirationTime();
    }

    function _status(uint256 requestId) internal view returns (uint8) {
        return uint8(requests.getRequest(requestId).status);
    }

    function _pendingIds() internal view returns (uint256[] memory ids) {
        (ids,) = requests.getPendingRequests();
    }

    function _contains(uint256[] memory ids, uint256 id) internal pure returns (bool) {
        for (uint256 i = 0; i < ids.length; i++) {
            if (ids[i] == id) return true;
        }
        return false;
    }

    function _assertRequestEq(IBrokerRequests.Request memory actual, IBrokerRequests.Request memory expected)
        internal
        pure
    {
        assertEq(actual.id, expected.id, "id");
        assertEq(actual.requester, expected.requester, "requester");
        assertEq(actual.nftContract, expected.nftContract, "nftContract");
        assertEq(actual.encryptedPayload, expected.encryptedPayload, "encryptedPayload");
        assertEq(uint8(actual.status), uint8(expected.status), "status");
        assertEq(actual.responsePayload, expected.responsePayload, "responsePayload");
        assertEq(actual.rejectionReason, expected.rejectionReason, "rejectionReason");
        assertEq(actual.submittedAt, expected.submittedAt, "submittedAt");
        assertEq(actual.respondedAt, expected.respondedAt, "respondedAt");
    }
}
