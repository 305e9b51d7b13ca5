// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {BrokerRequests} from "../src/BrokerRequests.sol";
import {IBrokerRequests} from "../src/interfaces/IBrokerRequests.sol";
import {BrokerRequestsFixture} from "./utils/BrokerRequestsFixture.sol";
import {
    NoErc165Mock,
    RevertingErc165Mock,
    NotErc721Mock,
    SilentFallbackMock,
    GasBurningErc165Mock,
    NonCanonicalBoolErc165Mock
} from "./mocks/Erc165Mocks.sol";
import {OwnerlessErc721Mock, OwnerShapeErc721Mock} from "./mocks/OwnerMocks.sol";

/// @notice Unit and property tests of BrokerRequests, grouped by function: every revert reason in its
/// documented order, every event with all fields, the getters and the expiry boundary.
/// @dev One contract rather than one per function: with solcjs every test contract costs about two
/// seconds of compile time, so the groups are sections instead.
contract BrokerRequestsTest is BrokerRequestsFixture {
    uint256 internal constant MAX_DRIFT = 3 days;

    // ---- Construction and the documented constants of BrokerRequests.

    function test_constructor_GivenOwner_OwnsContract() public view {
        assertEq(requests.owner(), operator);
    }

    function test_constructor_Defaults_ExpirationIs24HoursAndNoRequests() public view {
        assertEq(requests.requestExpirationTime(), 24 hours);
        assertEq(requests.getRequestCount(), 0);
        assertEq(_pendingIds().length, 0);
    }

    function test_constructor_ZeroOwner_Reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new BrokerRequests(address(0));
    }

    function test_constants_ExpirationBounds_Are1HourAnd7Days() public view {
        assertEq(requests.MIN_REQUEST_EXPIRATION_TIME(), 1 hours);
        assertEq(requests.MAX_REQUEST_EXPIRATION_TIME(), 7 days);
    }

    function test_status_Numbers_MatchTheWireProtocol() public pure {
        assertEq(uint8(IBrokerRequests.RequestStatus.Pending), 0);
        assertEq(uint8(IBrokerRequests.RequestStatus.Approved), 1);
        assertEq(uint8(IBrokerRequests.RequestStatus.Rejected), 2);
        assertEq(uint8(IBrokerRequests.RequestStatus.Expired), 3);
    }

    // ---- submitRequest: storage, event, ids and every revert reason in its documented order.

    function test_submitRequest_Valid_StoresPendingRequest() public {
        uint256 id = _submit();

        _assertRequestEq(
            requests.getRequest(id),
            IBrokerRequests.Request({
                id: 1,
                requester: server,
                nftContract: address(nft),
                encryptedPayload: requestPayload,
                status: IBrokerRequests.RequestStatus.Pending,
                responsePayload: "",
                rejectionReason: "",
                submittedAt: START_TIME,
                respondedAt: 0
            })
        );
        assertEq(requests.nftContractToRequestId(address(nft)), id);
        assertEq(requests.requesterToRequestIds(server, 0), id);
        assertEq(requests.getRequestCount(), 1);
    }

    function test_submitRequest_Valid_EmitsRequestSubmitted() public {
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.RequestSubmitted(1, server, address(nft), requestPayload);
        _submit();
    }

    function test_submitRequest_Several_AssignsIdsFromOneInOrder() public {
        assertEq(_submit(), 1);
        assertEq(_submitAs(server, _newNft(server)), 2);
        assertEq(_submitAs(stranger, _newNft(stranger)), 3);
        assertEq(requests.getRequestCount(), 3);
    }

    function test_submitRequest_ZeroAddress_RevertsInvalidNftContract() public {
        vm.prank(server);
        vm.expectRevert(bytes("Invalid NFT contract address"));
        requests.submitRequest(address(0), requestPayload);
    }

    function test_submitRequest_EmptyPayload_RevertsEmptyPayload() public {
        vm.prank(server);
        vm.expectRevert(bytes("Empty payload"));
        requests.submitRequest(address(nft), "");
    }

    function test_submitRequest_NftWithPendingRequest_RevertsAlreadyHasRequest() public {
        _submit();
        vm.prank(server);
        vm.expectRevert(bytes("NFT contract already has a request"));
        requests.submitRequest(address(nft), requestPayload);
    }

    function test_submitRequest_NftWithApprovedRequest_RevertsAlreadyHasRequest() public {
        _approve(_submit());
        vm.prank(server);
        vm.expectRevert(bytes("NFT contract already has a request"));
        requests.submitRequest(address(nft), requestPayload);
    }

    function test_submitRequest_NftWithRejectedRequest_RevertsAlreadyHasRequest() public {
        _reject(_submit(), "no capacity");
        vm.prank(server);
        vm.expectRevert(bytes("NFT contract already has a request"));
        requests.submitRequest(address(nft), requestPayload);
    }

    function test_submitRequest_AccountWithoutCode_RevertsDoesNotExist() public {
        vm.prank(server);
        vm.expectRevert(bytes("NFT contract does not exist"));
        requests.submitRequest(stranger, requestPayload);
    }

    function test_submitRequest_NoSupportsInterface_RevertsNotErc721() public {
        _expectNotErc721(address(new NoErc165Mock(server)));
    }

    function test_submitRequest_RevertingSupportsInterface_RevertsNotErc721() public {
        _expectNotErc721(address(new RevertingErc165Mock(server)));
    }

    function test_submitRequest_Erc165WithoutErc721_RevertsNotErc721() public {
        _expectNotErc721(address(new NotErc721Mock(server)));
    }

    function test_submitRequest_FallbackWithoutReturnData_RevertsNotErc721() public {
        _expectNotErc721(address(new SilentFallbackMock(server)));
    }

    function test_submitRequest_GasBurningSupportsInterface_RevertsNotErc721() public {
        _expectNotErc721(address(new GasBurningErc165Mock(server)));
    }

    function test_submitRequest_GasBurningSupportsInterface_SpendsOnlyTheCappedGas() public {
        address target = address(new GasBurningErc165Mock(server));
        vm.prank(server);
        vm.expectRevert(bytes("Not an ERC721 contract"));
        uint256 before = gasleft();
        requests.submitRequest{gas: 5_000_000}(target, requestPayload);
        assertLt(before - gasleft(), 100_000, "supportsInterface is capped at 30,000 gas");
    }

    function test_submitRequest_NonCanonicalBoolFromSupportsInterface_RevertsNotErc721() public {
        _expectNotErc721(address(new NonCanonicalBoolErc165Mock(server)));
    }

    function test_submitRequest_SenderNotOwner_RevertsNotOwner() public {
        _expectNotOwner(stranger, address(nft));
    }

    function test_submitRequest_NoOwnerFunction_RevertsNotOwner() public {
        _expectNotOwner(server, address(new OwnerlessErc721Mock()));
    }

    function test_submitRequest_OwnerReverts_RevertsNotOwner() public {
        _expectNotOwner(server, _ownerShape(OwnerShapeErc721Mock.Mode.Reverts));
    }

    function test_submitRequest_OwnerReturnsNothing_RevertsNotOwner() public {
        _expectNotOwner(server, _ownerShape(OwnerShapeErc721Mock.Mode.Empty));
    }

    function test_submitRequest_OwnerReturnsTwentyBytes_RevertsNotOwner() public {
        _expectNotOwner(server, _ownerShape(OwnerShapeErc721Mock.Mode.Short));
    }

    function test_submitRequest_OwnerReturnsTwoWords_RevertsNotOwner() public {
        _expectNotOwner(server, _ownerShape(OwnerShapeErc721Mock.Mode.Long));
    }

    function test_submitRequest_OwnerWithDirtyHighBits_RevertsNotOwner() public {
        _expectNotOwner(server, _ownerShape(OwnerShapeErc721Mock.Mode.DirtyHighBits));
    }

    function test_submitRequest_OwnerAsOneCleanWord_Succeeds() public {
        address target = _ownerShape(OwnerShapeErc721Mock.Mode.Word);
        assertEq(_submitAs(server, target), 1);
    }

    function test_submitRequest_ZeroAddressAndEmptyPayload_ReportsAddressFirst() public {
        vm.prank(server);
        vm.expectRevert(bytes("Invalid NFT contract address"));
        requests.submitRequest(address(0), "");
    }

    function test_submitRequest_EmptyPayloadForHeldNft_ReportsPayloadFirst() public {
        _submit();
        vm.prank(server);
        vm.expectRevert(bytes("Empty payload"));
        requests.submitRequest(address(nft), "");
    }

    function test_submitRequest_HeldNftBySomeoneElse_ReportsHeldBeforeOwnership() public {
        _submit();
        vm.prank(stranger);
        vm.expectRevert(bytes("NFT contract already has a request"));
        requests.submitRequest(address(nft), requestPayload);
    }

    function test_submitRequest_NotErc721AndNotOwner_ReportsErc721First() public {
        _expectNotErc721(address(new NotErc721Mock(stranger)));
    }

    function test_submitRequest_AfterExpiryMarked_AcceptsNewRequest() public {
        uint256 first = _submit();
        vm.warp(_deadline(first) + 1);
        _markExpired(first);

        uint256 second = _submit();

        assertEq(second, 2);
        assertEq(requests.nftContractToRequestId(address(nft)), second);
    }

    function test_submitRequest_AfterRelease_AcceptsNewRequest() public {
        uint256 first = _submit();
        _reject(first, "try later");
        vm.prank(operator);
        requests.releaseAllocation(address(nft));

        uint256 second = _submit();

        assertEq(requests.nftContractToRequestId(address(nft)), second);
        assertEq(requests.requesterToRequestIds(server, 1), second);
    }

    function _ownerShape(OwnerShapeErc721Mock.Mode mode) private returns (address) {
        return address(new OwnerShapeErc721Mock(server, mode));
    }

    function _expectNotErc721(address target) private {
        vm.prank(server);
        vm.expectRevert(bytes("Not an ERC721 contract"));
        requests.submitRequest(target, requestPayload);
    }

    function _expectNotOwner(address sender, address target) private {
        vm.prank(sender);
        vm.expectRevert(bytes("Sender does not own NFT contract"));
        requests.submitRequest(target, requestPayload);
    }

    // ---- submitResponse: approvals, rejections, the expiry boundary and every revert reason.

    function test_submitResponse_Approve_StoresApprovedResponse() public {
        uint256 id = _submitThenWaitAnHour();
        _approve(id);

        IBrokerRequests.Request memory r = requests.getRequest(id);
        assertEq(uint8(r.status), 1);
        assertEq(r.responsePayload, responsePayload);
        assertEq(r.rejectionReason, "");
        assertEq(r.respondedAt, START_TIME + 1 hours);
        assertEq(r.encryptedPayload, requestPayload, "request payload untouched");
    }

    function test_submitResponse_Approve_EmitsResponseSubmittedWithStatus1() public {
        uint256 id = _submitThenWaitAnHour();
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.ResponseSubmitted(id, IBrokerRequests.RequestStatus.Approved, responsePayload);
        _approve(id);
    }

    function test_submitResponse_Reject_StoresReason() public {
        uint256 id = _submitThenWaitAnHour();
        _reject(id, "NFT contract not eligible");

        IBrokerRequests.Request memory r = requests.getRequest(id);
        assertEq(uint8(r.status), 2);
        assertEq(r.rejectionReason, "NFT contract not eligible");
        assertEq(r.responsePayload, "");
        assertEq(r.respondedAt, START_TIME + 1 hours);
    }

    function test_submitResponse_Reject_EmitsResponseSubmittedWithStatus2() public {
        uint256 id = _submitThenWaitAnHour();
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.ResponseSubmitted(id, IBrokerRequests.RequestStatus.Rejected, "");
        _reject(id, "full");
    }

    function test_submitResponse_RejectWithPayload_KeepsPayload() public {
        uint256 id = _submitThenWaitAnHour();
        vm.prank(operator);
        requests.submitResponse(id, false, responsePayload, "see payload");
        assertEq(requests.getRequest(id).responsePayload, responsePayload);
    }

    function test_submitResponse_AnyAnswer_KeepsNftContractMapping() public {
        uint256 id = _submitThenWaitAnHour();
        _reject(id, "no");
        assertEq(requests.nftContractToRequestId(address(nft)), id);
    }

    function test_submitResponse_Answered_LeavesPendingList() public {
        uint256 id = _submitThenWaitAnHour();
        _approve(id);
        assertEq(_pendingIds().length, 0);
    }

    function test_submitResponse_NotOwner_RevertsUnauthorized() public {
        uint256 id = _submitThenWaitAnHour();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        requests.submitResponse(id, true, responsePayload, "");
    }

    function test_submitResponse_IdZero_RevertsInvalidRequestId() public {
        _submitThenWaitAnHour();
        vm.prank(operator);
        vm.expectRevert(bytes("Invalid request ID"));
        requests.submitResponse(0, true, responsePayload, "");
    }

    function test_submitResponse_IdBeyondCount_RevertsInvalidRequestId() public {
        uint256 id = _submitThenWaitAnHour();
        vm.prank(operator);
        vm.expectRevert(bytes("Invalid request ID"));
        requests.submitResponse(id + 1, true, responsePayload, "");
    }

    function test_submitResponse_AlreadyAnswered_RevertsNotPending() public {
        uint256 id = _submitThenWaitAnHour();
        _approve(id);
        vm.prank(operator);
        vm.expectRevert(bytes("Request not pending"));
        requests.submitResponse(id, false, "", "again");
    }

    function test_submitResponse_MarkedExpired_RevertsNotPending() public {
        uint256 id = _submitThenWaitAnHour();
        vm.warp(_deadline(id) + 1);
        _markExpired(id);
        vm.prank(operator);
        vm.expectRevert(bytes("Request not pending"));
        requests.submitResponse(id, true, responsePayload, "");
    }

    function test_submitResponse_OneSecondPastDeadline_RevertsExpired() public {
        uint256 id = _submitThenWaitAnHour();
        vm.warp(_deadline(id) + 1);
        vm.prank(operator);
        vm.expectRevert(bytes("Request expired"));
        requests.submitResponse(id, true, responsePayload, "");
    }

    function test_submitResponse_ExactlyAtDeadline_Succeeds() public {
        uint256 id = _submitThenWaitAnHour();
        vm.warp(_deadline(id));
        _approve(id);
        assertEq(_status(id), 1);
    }

    function test_submitResponse_ApprovedWithoutPayload_RevertsRequiresPayload() public {
        uint256 id = _submitThenWaitAnHour();
        vm.prank(operator);
        vm.expectRevert(bytes("Approved response requires payload"));
        requests.submitResponse(id, true, "", "");
    }

    function test_submitResponse_ExpiredAndApprovedWithoutPayload_ReportsExpiredFirst() public {
        uint256 id = _submitThenWaitAnHour();
        vm.warp(_deadline(id) + 1);
        vm.prank(operator);
        vm.expectRevert(bytes("Request expired"));
        requests.submitResponse(id, true, "", "");
    }

    function test_submitResponse_AnsweredAndPastDeadline_ReportsNotPendingFirst() public {
        uint256 id = _submitThenWaitAnHour();
        _approve(id);
        vm.warp(_deadline(id) + 1);
        vm.prank(operator);
        vm.expectRevert(bytes("Request not pending"));
        requests.submitResponse(id, true, responsePayload, "");
    }

    // ---- markExpired: who may call it, which ids it expires and which it skips.

    function test_markExpired_PastDeadline_MarksExpiredAndClearsMapping() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);

        vm.prank(stranger);
        _markExpired(id);

        assertEq(_status(id), 3);
        assertEq(requests.nftContractToRequestId(address(nft)), 0);
        assertEq(requests.getRequest(id).respondedAt, 0, "expiry is not a response");
    }

    function test_markExpired_PastDeadline_EmitsRequestExpired() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.RequestExpired(id);
        _markExpired(id);
    }

    function test_markExpired_ExactlyAtDeadline_SkipsRequest() public {
        uint256 id = _submit();
        vm.warp(_deadline(id));
        _expectNoLogs(_single(id));
        assertEq(_status(id), 0);
        assertEq(requests.nftContractToRequestId(address(nft)), id);
    }

    function test_markExpired_InvalidIds_SkipsWithoutReverting() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        uint256[] memory ids = new uint256[](3);
        ids[0] = 0;
        ids[1] = id + 1;
        ids[2] = type(uint256).max;
        _expectNoLogs(ids);
        assertEq(_status(id), 0);
    }

    function test_markExpired_AnsweredRequest_SkipsAndKeepsMapping() public {
        uint256 id = _submit();
        _approve(id);
        vm.warp(_deadline(id) + 1);
        _expectNoLogs(_single(id));
        assertEq(_status(id), 1);
        assertEq(requests.nftContractToRequestId(address(nft)), id);
    }

    function test_markExpired_AlreadyExpired_SkipsSecondTime() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        _markExpired(id);
        _expectNoLogs(_single(id));
        assertEq(_status(id), 3);
    }

    function test_markExpired_DuplicateIdsInBatch_ExpiresOnce() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        uint256[] memory ids = new uint256[](2);
        ids[0] = id;
        ids[1] = id;
        vm.recordLogs();
        requests.markExpired(ids);
        assertEq(vm.getRecordedLogs().length, 1);
    }

    function test_markExpired_MixedBatch_ExpiresOnlyEligible() public {
        uint256 old = _submit();
        uint256 answered = _submitAs(server, _newNft(server));
        _approve(answered);
        vm.warp(START_TIME + 12 hours);
        uint256 fresh = _submitAs(server, _newNft(server));
        vm.warp(_deadline(old) + 1);
        uint256[] memory ids = new uint256[](4);
        (ids[0], ids[1], ids[2], ids[3]) = (fresh, answered, 99, old);

        requests.markExpired(ids);

        assertEq(_status(old), 3);
        assertEq(_status(answered), 1);
        assertEq(_status(fresh), 0);
    }

    function test_markExpired_EmptyBatch_DoesNothing() public {
        _expectNoLogs(new uint256[](0));
    }

    function test_markExpired_AfterReleaseAndResubmit_KeepsNewRequestMapping() public {
        uint256 old = _submit();
        vm.prank(operator);
        requests.releaseAllocation(address(nft));
        uint256 fresh = _submit();
        vm.warp(_deadline(old) + 1);

        _markExpired(old);

        assertEq(_status(old), 3);
        assertEq(requests.nftContractToRequestId(address(nft)), fresh);
    }

    function _single(uint256 id) private pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
    }

    function _expectNoLogs(uint256[] memory ids) private {
        vm.recordLogs();
        requests.markExpired(ids);
        assertEq(vm.getRecordedLogs().length, 0, "no event expected");
    }

    // ---- releaseAllocation and setRequestExpirationTime, the owner's two maintenance calls.

    function test_releaseAllocation_AnsweredRequest_ClearsMapping() public {
        uint256 id = _submit();
        _approve(id);
        vm.prank(operator);
        requests.releaseAllocation(address(nft));
        assertEq(requests.nftContractToRequestId(address(nft)), 0);
        assertEq(_status(id), 1, "status unchanged");
    }

    function test_releaseAllocation_Held_EmitsAllocationReleased() public {
        uint256 id = _submit();
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.AllocationReleased(address(nft), id);
        vm.prank(operator);
        requests.releaseAllocation(address(nft));
    }

    function test_releaseAllocation_NothingHeld_RevertsNoAllocation() public {
        vm.prank(operator);
        vm.expectRevert(bytes("No allocation for this NFT contract"));
        requests.releaseAllocation(address(nft));
    }

    function test_releaseAllocation_Twice_RevertsNoAllocation() public {
        _submit();
        vm.startPrank(operator);
        requests.releaseAllocation(address(nft));
        vm.expectRevert(bytes("No allocation for this NFT contract"));
        requests.releaseAllocation(address(nft));
        vm.stopPrank();
    }

    function test_releaseAllocation_AfterExpiryMarked_RevertsNoAllocation() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        _markExpired(id);
        vm.prank(operator);
        vm.expectRevert(bytes("No allocation for this NFT contract"));
        requests.releaseAllocation(address(nft));
    }

    function test_releaseAllocation_NotOwner_RevertsUnauthorized() public {
        _submit();
        vm.prank(server);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, server));
        requests.releaseAllocation(address(nft));
    }

    function test_setRequestExpirationTime_Bounds_AcceptsOneHourAndSevenDays() public {
        vm.startPrank(operator);
        requests.setRequestExpirationTime(1 hours);
        assertEq(requests.requestExpirationTime(), 1 hours);
        requests.setRequestExpirationTime(7 days);
        assertEq(requests.requestExpirationTime(), 7 days);
        vm.stopPrank();
    }

    function test_setRequestExpirationTime_BelowOneHour_Reverts() public {
        vm.prank(operator);
        vm.expectRevert(bytes("Expiration time must be between 1 hour and 7 days"));
        requests.setRequestExpirationTime(1 hours - 1);
    }

    function test_setRequestExpirationTime_AboveSevenDays_Reverts() public {
        vm.prank(operator);
        vm.expectRevert(bytes("Expiration time must be between 1 hour and 7 days"));
        requests.setRequestExpirationTime(7 days + 1);
    }

    function test_setRequestExpirationTime_Valid_EmitsUpdated() public {
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.RequestExpirationTimeUpdated(2 hours);
        vm.prank(operator);
        requests.setRequestExpirationTime(2 hours);
    }

    function test_setRequestExpirationTime_NotOwner_RevertsUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        requests.setRequestExpirationTime(2 hours);
    }

    function test_setRequestExpirationTime_Shortened_AppliesToExistingRequests() public {
        uint256 id = _submit();
        vm.warp(START_TIME + 2 hours);
        vm.prank(operator);
        requests.setRequestExpirationTime(1 hours);

        vm.prank(operator);
        vm.expectRevert(bytes("Request expired"));
        requests.submitResponse(id, true, responsePayload, "");
    }

    // ---- The views: getRequest, getPendingRequests, getRequestsByRequester, getRequestCount and public getters.

    function test_getRequest_IdZero_RevertsInvalidRequestId() public {
        vm.expectRevert(bytes("Invalid request ID"));
        requests.getRequest(0);
    }

    function test_getRequest_IdBeyondCount_RevertsInvalidRequestId() public {
        _submit();
        vm.expectRevert(bytes("Invalid request ID"));
        requests.getRequest(2);
    }

    function test_requests_KnownId_ReturnsAllNineFields() public {
        uint256 id = _submit();
        _reject(id, "nope");
        (
            uint256 rid,
            address requester,
            address target,
            bytes memory payload,
            IBrokerRequests.RequestStatus status,
            bytes memory response,
            string memory reason,
            uint256 submittedAt,
            uint256 respondedAt
        ) = requests.requests(id);
        assertEq(rid, id);
        assertEq(requester, server);
        assertEq(target, address(nft));
        assertEq(payload, requestPayload);
        assertEq(uint8(status), 2);
        assertEq(response, "");
        assertEq(reason, "nope");
        assertEq(submittedAt, START_TIME);
        assertEq(respondedAt, START_TIME);
    }

    function test_requests_UnknownId_ReturnsZeroRequest() public view {
        (uint256 rid, address requester,,,,,, uint256 submittedAt,) = requests.requests(7);
        assertEq(rid, 0);
        assertEq(requester, address(0));
        assertEq(submittedAt, 0);
    }

    function test_getPendingRequests_None_ReturnsEmptyArrays() public view {
        (uint256[] memory ids, IBrokerRequests.Request[] memory pending) = requests.getPendingRequests();
        assertEq(ids.length, 0);
        assertEq(pending.length, 0);
    }

    function test_getPendingRequests_Mixed_ReturnsOnlyPendingUnexpired() public {
        uint256 approved = _submit();
        uint256 rejected = _submitAs(server, _newNft(server));
        uint256 stale = _submitAs(server, _newNft(server));
        vm.warp(START_TIME + 20 hours);
        uint256 live = _submitAs(stranger, _newNft(stranger));
        _approve(approved);
        _reject(rejected, "no");
        vm.warp(_deadline(stale) + 1);

        (uint256[] memory ids, IBrokerRequests.Request[] memory pending) = requests.getPendingRequests();

        assertEq(ids.length, 1);
        assertEq(ids[0], live);
        _assertRequestEq(pending[0], requests.getRequest(live));
    }

    function test_getPendingRequests_AtDeadline_StillListed() public {
        uint256 id = _submit();
        vm.warp(_deadline(id));
        assertTrue(_contains(_pendingIds(), id));
        vm.warp(_deadline(id) + 1);
        assertFalse(_contains(_pendingIds(), id));
    }

    function test_getPendingRequests_AfterMiddleAnswered_ListsTheRest() public {
        uint256 a = _submit();
        uint256 b = _submitAs(server, _newNft(server));
        uint256 c = _submitAs(server, _newNft(server));
        _approve(b);

        (uint256[] memory ids, IBrokerRequests.Request[] memory pending) = requests.getPendingRequests();

        assertEq(ids.length, 2);
        assertTrue(_contains(ids, a) && _contains(ids, c));
        for (uint256 i = 0; i < ids.length; i++) {
            assertEq(pending[i].id, ids[i], "ids and requests line up");
        }
    }

    function test_getRequestsByRequester_Several_ReturnsOldestFirst() public {
        uint256 first = _submit();
        _submitAs(stranger, _newNft(stranger));
        uint256 second = _submitAs(server, _newNft(server));

        IBrokerRequests.Request[] memory mine = requests.getRequestsByRequester(server);

        assertEq(mine.length, 2);
        assertEq(mine[0].id, first);
        assertEq(mine[1].id, second);
        assertEq(requests.requesterToRequestIds(server, 1), second);
    }

    function test_getRequestsByRequester_Unknown_ReturnsEmpty() public view {
        assertEq(requests.getRequestsByRequester(stranger).length, 0);
    }

    function test_requesterToRequestIds_IndexOutOfRange_Reverts() public {
        _submit();
        vm.expectRevert();
        requests.requesterToRequestIds(server, 1);
    }

    function test_getRequestCount_CountsEveryRequestEverSubmitted() public {
        uint256 id = _submit();
        vm.warp(_deadline(id) + 1);
        _markExpired(id);
        _submit();
        assertEq(requests.getRequestCount(), 2);
    }

    // ---- Property tests of the request → response / expiry / release transitions around the deadline.

    function testFuzz_submitRequest_AnyNonEmptyPayload_StoredAndEmittedVerbatim(bytes calldata payload) public {
        vm.assume(payload.length > 0);
        vm.expectEmit(true, true, true, true, address(requests));
        emit IBrokerRequests.RequestSubmitted(1, server, address(nft), payload);
        vm.prank(server);
        uint256 id = requests.submitRequest(address(nft), payload);
        assertEq(requests.getRequest(id).encryptedPayload, payload);
    }

    function testFuzz_submitResponse_AroundDeadline_SucceedsOnlyUntilDeadline(
        uint256 expiration,
        uint256 drift,
        bool late,
        bool approved
    ) public {
        uint256 id = _submitWithExpiration(expiration);
        uint256 when = _driftFromDeadline(id, drift, late);
        bool past = when > _deadline(id);
        vm.warp(when);

        vm.prank(operator);
        if (past) vm.expectRevert(bytes("Request expired"));
        requests.submitResponse(id, approved, responsePayload, approved ? "" : "no");

        uint8 expected = past ? 0 : (approved ? 1 : 2);
        assertEq(_status(id), expected);
        assertEq(requests.nftContractToRequestId(address(nft)), id, "an answer never frees the NFT contract");
    }

    function testFuzz_markExpired_AroundDeadline_ExpiresOnlyPastDeadline(uint256 expiration, uint256 drift, bool late)
        public
    {
        uint256 id = _submitWithExpiration(expiration);
        uint256 when = _driftFromDeadline(id, drift, late);
        vm.warp(when);
        bool past = when > _deadline(id);

        _markExpired(id);

        assertEq(_status(id), past ? 3 : 0);
        assertEq(requests.nftContractToRequestId(address(nft)), past ? 0 : id);
        assertEq(_contains(_pendingIds(), id), !past, "listed as pending exactly until the deadline");
    }

    function testFuzz_releaseAllocation_AfterAnyAnswer_AllowsResubmission(bool approved, uint256 wait) public {
        uint256 first = _submit();
        vm.prank(operator);
        requests.submitResponse(first, approved, responsePayload, "");
        vm.warp(block.timestamp + bound(wait, 0, 30 days));
        vm.prank(server);
        vm.expectRevert(bytes("NFT contract already has a request"));
        requests.submitRequest(address(nft), requestPayload);

        vm.prank(operator);
        requests.releaseAllocation(address(nft));
        uint256 second = _submit();

        assertEq(second, first + 1);
        assertEq(_status(first), approved ? 1 : 2, "release leaves the old answer alone");
        assertEq(requests.nftContractToRequestId(address(nft)), second);
    }

    function testFuzz_setRequestExpirationTime_AnyValue_AcceptedOnlyWithinBounds(uint256 value) public {
        bool valid = value >= 1 hours && value <= 7 days;
        vm.prank(operator);
        if (!valid) vm.expectRevert(bytes("Expiration time must be between 1 hour and 7 days"));
        requests.setRequestExpirationTime(value);
        assertEq(requests.requestExpirationTime(), valid ? value : DEFAULT_EXPIRATION);
    }

    function testFuzz_markExpired_ArbitraryIds_NeverReverts(uint256[] calldata ids, uint256 wait) public {
        _submit();
        _submitAs(server, _newNft(server));
        vm.warp(block.timestamp + bound(wait, 0, 3 days));
        requests.markExpired(ids);
        assertEq(requests.getRequestCount(), 2);
    }

    /// @dev Sets a valid expiration (bounded), then submits the default request.
    function _submitWithExpiration(uint256 expiration) private returns (uint256) {
        vm.prank(operator);
        requests.setRequestExpirationTime(bound(expiration, 1 hours, 7 days));
        return _submit();
    }

    /// @dev A time up to MAX_DRIFT before (or after, when `late`) the request's deadline.
    function _driftFromDeadline(uint256 id, uint256 drift, bool late) private view returns (uint256) {
        uint256 d = bound(drift, 0, MAX_DRIFT);
        uint256 deadline = _deadline(id);
        return late ? deadline + d : (d > deadline - START_TIME ? START_TIME : deadline - d);
    }
}
