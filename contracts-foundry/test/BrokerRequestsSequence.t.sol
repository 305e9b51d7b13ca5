// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IBrokerRequests} from "../src/interfaces/IBrokerRequests.sol";
import {BrokerRequestsFixture} from "./utils/BrokerRequestsFixture.sol";

/// @notice Random sequences of submit / respond / warp / markExpired / release / setRequestExpirationTime,
/// each checked against a small reference model: every call's outcome (or exact revert reason), every
/// status number, every nftContractToRequestId entry and the exact contents of getPendingRequests.
contract BrokerRequestsSequenceTest is BrokerRequestsFixture {
    uint256 internal constant NFT_COUNT = 3;
    uint256 internal constant MAX_STEPS = 30;
    uint256 internal constant MAX_WARP = 30 hours;
    uint256 internal constant ACTION_COUNT = 8;

    address[NFT_COUNT] internal nfts;
    address[NFT_COUNT] internal holders;

    // The reference model.
    uint256 internal modelCount;
    uint256 internal modelExpiration = DEFAULT_EXPIRATION;
    mapping(uint256 => uint8) internal modelStatus;
    mapping(uint256 => uint256) internal modelSubmittedAt;
    mapping(uint256 => address) internal modelNft;
    mapping(address => uint256) internal modelHeldBy;

    function setUp() public override {
        super.setUp();
        for (uint256 k = 0; k < NFT_COUNT; k++) {
            holders[k] = makeAddr(string.concat("holder", vm.toString(k)));
            nfts[k] = _newNft(holders[k]);
        }
    }

    function testFuzz_sequence_RandomOperations_MatchReferenceModel(uint256 seed, uint256 steps) public {
        steps = bound(steps, 1, MAX_STEPS);
        for (uint256 i = 0; i < steps; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 arg = r / ACTION_COUNT;
            uint256 action = r % ACTION_COUNT;
            if (action <= 1) _stepSubmit(arg % NFT_COUNT);
            else if (action <= 3) _stepRespond(arg % (modelCount + 2), (arg >> 128) % 3);
            else if (action == 4) vm.warp(block.timestamp + arg % MAX_WARP);
            else if (action == 5) _stepMarkExpired(arg % (modelCount + 2));
            else if (action == 6) _stepRelease(arg % NFT_COUNT);
            else _stepSetExpiration(bound(arg, 1 hours, 7 days));
            _assertMatchesModel();
        }
    }

    function _stepSubmit(uint256 k) private {
        address target = nfts[k];
        vm.prank(holders[k]);
        if (modelHeldBy[target] != 0) {
            vm.expectRevert(bytes("NFT contract already has a request"));
            requests.submitRequest(target, requestPayload);
            return;
        }
        uint256 id = requests.submitRequest(target, requestPayload);
        assertEq(id, ++modelCount, "ids are sequential from 1");
        modelSubmittedAt[id] = block.timestamp;
        modelNft[id] = target;
        modelHeldBy[target] = id;
    }

    /// @dev `kind` 0 approves with a payload, 1 approves without one (invalid), 2 rejects.
    function _stepRespond(uint256 id, uint256 kind) private {
        bool approve = kind < 2;
        bytes memory payload = kind == 0 ? responsePayload : bytes("");
        string memory reason = _respondFailure(id, approve, payload);
        vm.prank(operator);
        if (bytes(reason).length != 0) vm.expectRevert(bytes(reason));
        requests.submitResponse(id, approve, payload, approve ? "" : "rejected");
        if (bytes(reason).length == 0) modelStatus[id] = approve ? 1 : 2;
    }

    function _respondFailure(uint256 id, bool approve, bytes memory payload) private view returns (string memory) {
        if (id == 0 || id > modelCount) return "Invalid request ID";
        if (modelStatus[id] != 0) return "Request not pending";
        if (_modelPastDeadline(id)) return "Request expired";
        if (approve && payload.length == 0) return "Approved response requires payload";
        return "";
    }

    function _stepMarkExpired(uint256 id) private {
        bool expires = id != 0 && id <= modelCount && modelStatus[id] == 0 && _modelPastDeadline(id);
        _markExpired(id);
        if (!expires) return;
        modelStatus[id] = 3;
        if (modelHeldBy[modelNft[id]] == id) modelHeldBy[modelNft[id]] = 0;
    }

    function _stepRelease(uint256 k) private {
        address target = nfts[k];
        vm.prank(operator);
        if (modelHeldBy[target] == 0) vm.expectRevert(bytes("No allocation for this NFT contract"));
        requests.releaseAllocation(target);
        modelHeldBy[target] = 0;
    }

    function _stepSetExpiration(uint256 value) private {
        vm.prank(operator);
        requests.setRequestExpirationTime(value);
        modelExpiration = value;
    }

    function _modelPastDeadline(uint256 id) private view returns (bool) {
        return block.timestamp > modelSubmittedAt[id] + modelExpiration;
    }

    function _modelListsAsPending(uint256 id) private view returns (bool) {
        return modelStatus[id] == 0 && !_modelPastDeadline(id);
    }

    function _assertMatchesModel() private view {
        assertEq(requests.getRequestCount(), modelCount, "count");
        assertEq(requests.requestExpirationTime(), modelExpiration, "expiration");
        for (uint256 id = 1; id <= modelCount; id++) {
            assertEq(_status(id), modelStatus[id], "status");
        }
        for (uint256 k = 0; k < NFT_COUNT; k++) {
            assertEq(requests.nftContractToRequestId(nfts[k]), modelHeldBy[nfts[k]], "nftContractToRequestId");
        }
        _assertPendingListMatchesModel();
    }

    /// @dev Same length, every listed id is pending in the model and every model-pending id is listed.
    function _assertPendingListMatchesModel() private view {
        (uint256[] memory ids, IBrokerRequests.Request[] memory pending) = requests.getPendingRequests();
        assertEq(ids.length, pending.length, "parallel arrays");
        uint256 expected = 0;
        for (uint256 id = 1; id <= modelCount; id++) {
            if (!_modelListsAsPending(id)) continue;
            expected++;
            assertTrue(_contains(ids, id), "model-pending id is listed");
        }
        assertEq(ids.length, expected, "pending count");
        for (uint256 i = 0; i < ids.length; i++) {
            assertTrue(_modelListsAsPending(ids[i]), "listed id is pending in the model");
            assertEq(pending[i].id, ids[i], "ids and requests line up");
            assertEq(uint8(pending[i].status), 0, "listed request is Pending");
        }
    }
}
