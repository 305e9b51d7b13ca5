// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {BrokerRegistry} from "../src/BrokerRegistry.sol";
import {IBrokerRegistry} from "../src/interfaces/IBrokerRegistry.sol";

/// @notice Unit and property tests of BrokerRegistry, grouped by function: every revert reason in its
/// documented order, every event with all fields, the getters and removal semantics.
/// @dev One contract rather than one per function: with solcjs every test contract costs about two
/// seconds of compile time, so the groups are sections instead.
contract BrokerRegistryTest is Test {
    uint256 internal constant START_TIME = 1_700_000_000;
    uint256 internal constant PUBKEY_LENGTH = 65;

    BrokerRegistry internal registry;
    address internal admin = makeAddr("admin");
    address internal operator = makeAddr("operator");
    address internal otherOperator = makeAddr("otherOperator");
    address internal stranger = makeAddr("stranger");
    address internal requestsContract = makeAddr("requestsContract");
    address internal otherRequestsContract = makeAddr("otherRequestsContract");
    bytes internal pubkey = _pubkey("broker key");
    bytes internal otherPubkey = _pubkey("rotated key");

    function setUp() public {
        vm.warp(START_TIME);
        registry = new BrokerRegistry(admin);
    }

    // ---- construction

    function test_constructor_GivenOwner_OwnsRegistryWithNoBrokers() public view {
        assertEq(registry.owner(), admin);
        assertEq(registry.getBrokerCount(), 0);
    }

    function test_constructor_ZeroOwner_Reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new BrokerRegistry(address(0));
    }

    // ---- registerBroker

    function test_registerBroker_Valid_StoresActiveBroker() public {
        uint256 id = _register(operator, requestsContract, "eu-west", 100);

        _assertBrokerEq(
            registry.getBroker(id),
            IBrokerRegistry.Broker({
                operator: operator,
                requestsContract: requestsContract,
                encryptionPubkey: pubkey,
                region: "eu-west",
                active: true,
                capacity: 100,
                currentLoad: 0,
                registeredAt: START_TIME
            })
        );
        assertEq(registry.operatorToBrokerId(operator), id);
        assertEq(registry.requestsContractToBrokerId(requestsContract), id);
        assertTrue(registry.isOperator(operator));
    }

    function test_registerBroker_Valid_EmitsBrokerRegistered() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerRegistered(1, operator, requestsContract, "eu-west");
        _register(operator, requestsContract, "eu-west", 0);
    }

    function test_registerBroker_Several_AssignsIdsFromOneInOrder() public {
        assertEq(_register(operator, requestsContract, "eu", 0), 1);
        assertEq(_register(otherOperator, otherRequestsContract, "us", 0), 2);
        assertEq(registry.getBrokerCount(), 2);
    }

    function test_registerBroker_ZeroCapacity_MeansUnlimitedAndIsAccepted() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        assertEq(registry.getBroker(id).capacity, 0);
    }

    function test_registerBroker_ZeroRequestsContract_RevertsInvalidRequestsContract() public {
        vm.prank(operator);
        vm.expectRevert(bytes("Invalid requests contract"));
        registry.registerBroker(address(0), pubkey, "eu", 0);
    }

    function test_registerBroker_CompressedPubkey_RevertsPubkeyLength() public {
        _expectRegisterPubkeyRevert(new bytes(33));
    }

    function test_registerBroker_PubkeyOneByteLong_RevertsPubkeyLength() public {
        _expectRegisterPubkeyRevert(new bytes(66));
    }

    function test_registerBroker_RawXYWithoutPrefix_RevertsPubkeyLength() public {
        _expectRegisterPubkeyRevert(new bytes(64));
    }

    function test_registerBroker_OperatorAlreadyRegistered_Reverts() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        vm.expectRevert(bytes("Operator already registered"));
        registry.registerBroker(otherRequestsContract, pubkey, "eu", 0);
    }

    function test_registerBroker_RequestsContractAlreadyRegistered_Reverts() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(otherOperator);
        vm.expectRevert(bytes("Requests contract already registered"));
        registry.registerBroker(requestsContract, pubkey, "us", 0);
    }

    function test_registerBroker_ZeroContractAndBadPubkey_ReportsContractFirst() public {
        vm.prank(operator);
        vm.expectRevert(bytes("Invalid requests contract"));
        registry.registerBroker(address(0), "", "eu", 0);
    }

    function test_registerBroker_BadPubkeyFromRegisteredOperator_ReportsPubkeyFirst() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        vm.expectRevert(bytes("Pubkey must be 65 bytes (uncompressed secp256k1)"));
        registry.registerBroker(requestsContract, "", "eu", 0);
    }

    function test_registerBroker_OperatorAndContractBothTaken_ReportsOperatorFirst() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        vm.expectRevert(bytes("Operator already registered"));
        registry.registerBroker(requestsContract, pubkey, "eu", 0);
    }

    // ---- operator updates

    function test_updateEncryptionPubkey_Valid_ReplacesKeyAndEmitsBrokerUpdated() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerUpdated(id, operator);
        vm.prank(operator);
        registry.updateEncryptionPubkey(otherPubkey);
        assertEq(registry.getBroker(id).encryptionPubkey, otherPubkey);
    }

    function test_updateEncryptionPubkey_WrongLength_RevertsPubkeyLength() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        vm.expectRevert(bytes("Pubkey must be 65 bytes"));
        registry.updateEncryptionPubkey(new bytes(64));
    }

    function test_updateEncryptionPubkey_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.updateEncryptionPubkey(pubkey);
    }

    function test_updateEncryptionPubkey_NotOperatorAndBadKey_ReportsOperatorFirst() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.updateEncryptionPubkey("");
    }

    function test_updateRegion_Valid_ReplacesRegionAndEmitsBrokerUpdated() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerUpdated(id, operator);
        vm.prank(operator);
        registry.updateRegion("ap-south");
        assertEq(registry.getBroker(id).region, "ap-south");
    }

    function test_updateRegion_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.updateRegion("eu");
    }

    function test_updateCapacity_Valid_ReplacesCapacityAndEmitsBrokerUpdated() public {
        uint256 id = _register(operator, requestsContract, "eu", 10);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerUpdated(id, operator);
        vm.prank(operator);
        registry.updateCapacity(0);
        assertEq(registry.getBroker(id).capacity, 0);
    }

    function test_updateCapacity_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.updateCapacity(5);
    }

    function test_updateLoad_Valid_StoresLoadAndEmitsBrokerLoadUpdated() public {
        uint256 id = _register(operator, requestsContract, "eu", 10);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerLoadUpdated(id, 7);
        vm.prank(operator);
        registry.updateLoad(7);
        assertEq(registry.getBroker(id).currentLoad, 7);
    }

    function test_updateLoad_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.updateLoad(1);
    }

    function test_deactivate_Active_MarksInactiveAndEmitsBrokerDeactivated() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerDeactivated(id, operator);
        vm.prank(operator);
        registry.deactivate();
        assertFalse(registry.getBroker(id).active);
        assertTrue(registry.isOperator(operator), "still the operator");
    }

    function test_activate_Inactive_MarksActiveAndEmitsBrokerActivated() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        registry.deactivate();
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerActivated(id, operator);
        vm.prank(operator);
        registry.activate();
        assertTrue(registry.getBroker(id).active);
    }

    function test_activate_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.activate();
    }

    function test_deactivate_NotOperator_RevertsNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.deactivate();
    }

    // ---- removeBroker

    function test_removeBroker_Registered_DeactivatesAndFreesOperatorKeepingRecord() public {
        uint256 id = _register(operator, requestsContract, "eu", 3);
        vm.prank(admin);
        registry.removeBroker(id);

        IBrokerRegistry.Broker memory b = registry.getBroker(id);
        assertFalse(b.active);
        assertEq(b.operator, operator, "record kept for history");
        assertEq(b.capacity, 3);
        assertEq(registry.getBrokerCount(), 1, "ids kept");
        assertEq(registry.operatorToBrokerId(operator), 0);
        assertEq(registry.requestsContractToBrokerId(requestsContract), 0);
        assertFalse(registry.isOperator(operator));
    }

    function test_removeBroker_Registered_EmitsBrokerDeactivated() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IBrokerRegistry.BrokerDeactivated(id, operator);
        vm.prank(admin);
        registry.removeBroker(id);
    }

    function test_removeBroker_Removed_OperatorCanNoLongerUpdate() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.prank(admin);
        registry.removeBroker(id);
        vm.prank(operator);
        vm.expectRevert(bytes("Not a registered operator"));
        registry.activate();
    }

    function test_removeBroker_Removed_OperatorMayRegisterAgainUnderNewId() public {
        uint256 old = _register(operator, requestsContract, "eu", 0);
        vm.prank(admin);
        registry.removeBroker(old);

        uint256 fresh = _register(operator, requestsContract, "eu", 0);

        assertEq(fresh, old + 1);
        assertEq(registry.operatorToBrokerId(operator), fresh);
    }

    function test_removeBroker_OldIdAgainAfterReRegistration_LeavesNewBrokerAlone() public {
        uint256 old = _register(operator, requestsContract, "eu", 0);
        vm.prank(admin);
        registry.removeBroker(old);
        uint256 fresh = _register(operator, requestsContract, "eu", 0);

        vm.prank(admin);
        registry.removeBroker(old);

        assertEq(registry.operatorToBrokerId(operator), fresh);
        assertEq(registry.requestsContractToBrokerId(requestsContract), fresh);
        assertTrue(registry.getBroker(fresh).active);
    }

    function test_removeBroker_NotOwner_RevertsUnauthorized() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        registry.removeBroker(id);
    }

    function test_removeBroker_IdZero_RevertsInvalidBrokerId() public {
        vm.prank(admin);
        vm.expectRevert(bytes("Invalid broker ID"));
        registry.removeBroker(0);
    }

    function test_removeBroker_IdBeyondCount_RevertsInvalidBrokerId() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(admin);
        vm.expectRevert(bytes("Invalid broker ID"));
        registry.removeBroker(2);
    }

    // ---- views

    function test_getBroker_IdZero_RevertsInvalidBrokerId() public {
        vm.expectRevert(bytes("Invalid broker ID"));
        registry.getBroker(0);
    }

    function test_getBroker_IdBeyondCount_RevertsInvalidBrokerId() public {
        vm.expectRevert(bytes("Invalid broker ID"));
        registry.getBroker(1);
    }

    function test_brokers_KnownId_ReturnsAllEightFields() public {
        uint256 id = _register(operator, requestsContract, "eu", 9);
        (
            address op,
            address rc,
            bytes memory key,
            string memory region,
            bool active,
            uint256 capacity,
            uint256 load,
            uint256 registeredAt
        ) = registry.brokers(id);
        assertEq(op, operator);
        assertEq(rc, requestsContract);
        assertEq(key, pubkey);
        assertEq(region, "eu");
        assertTrue(active);
        assertEq(capacity, 9);
        assertEq(load, 0);
        assertEq(registeredAt, START_TIME);
    }

    function test_brokers_UnknownId_ReturnsZeroBroker() public view {
        (address op,,,, bool active,,, uint256 registeredAt) = registry.brokers(5);
        assertEq(op, address(0));
        assertFalse(active);
        assertEq(registeredAt, 0);
    }

    function test_isOperator_Unknown_ReturnsFalse() public view {
        assertFalse(registry.isOperator(stranger));
    }

    function test_getActiveBrokers_None_ReturnsEmptyArrays() public view {
        (uint256[] memory ids, IBrokerRegistry.Broker[] memory list) = registry.getActiveBrokers();
        assertEq(ids.length, 0);
        assertEq(list.length, 0);
    }

    function test_getActiveBrokers_Mixed_ReturnsActiveInIdOrder() public {
        uint256 a = _register(operator, requestsContract, "eu", 0);
        _register(otherOperator, otherRequestsContract, "us", 0);
        uint256 c = _register(stranger, makeAddr("thirdRequests"), "eu", 0);
        _deactivateAs(otherOperator);

        (uint256[] memory ids, IBrokerRegistry.Broker[] memory list) = registry.getActiveBrokers();

        assertEq(ids.length, 2);
        assertEq(ids[0], a);
        assertEq(ids[1], c);
        assertEq(list[0].operator, operator);
        assertEq(list[1].operator, stranger);
    }

    function test_getActiveBrokers_Removed_IsExcluded() public {
        uint256 id = _register(operator, requestsContract, "eu", 0);
        vm.prank(admin);
        registry.removeBroker(id);
        (uint256[] memory ids,) = registry.getActiveBrokers();
        assertEq(ids.length, 0);
    }

    function test_getActiveBrokersByRegion_Mixed_ReturnsExactActiveMatches() public {
        _register(operator, requestsContract, "eu-west", 0);
        uint256 us = _register(otherOperator, otherRequestsContract, "us-east", 0);
        _register(stranger, makeAddr("thirdRequests"), "EU-WEST", 0);

        (uint256[] memory ids, IBrokerRegistry.Broker[] memory list) = registry.getActiveBrokersByRegion("us-east");

        assertEq(ids.length, 1);
        assertEq(ids[0], us);
        _assertBrokerEq(list[0], registry.getBroker(us));
        (ids,) = registry.getActiveBrokersByRegion("eu-west");
        assertEq(ids.length, 1, "region match is exact and case-sensitive");
    }

    function test_getActiveBrokersByRegion_InactiveMatch_IsExcluded() public {
        _register(operator, requestsContract, "eu", 0);
        vm.prank(operator);
        registry.deactivate();
        (uint256[] memory ids,) = registry.getActiveBrokersByRegion("eu");
        assertEq(ids.length, 0);
    }

    // ---- properties

    function testFuzz_registerBroker_AnyPubkeyLength_AcceptsOnly65(uint256 length) public {
        length = bound(length, 0, 3 * PUBKEY_LENGTH);
        vm.prank(operator);
        if (length != PUBKEY_LENGTH) vm.expectRevert(bytes("Pubkey must be 65 bytes (uncompressed secp256k1)"));
        registry.registerBroker(requestsContract, new bytes(length), "eu", 0);
        assertEq(registry.getBrokerCount(), length == PUBKEY_LENGTH ? 1 : 0);
    }

    function testFuzz_updateEncryptionPubkey_AnyLength_AcceptsOnly65(uint256 length) public {
        length = bound(length, 0, 3 * PUBKEY_LENGTH);
        uint256 id = _register(operator, requestsContract, "eu", 0);
        bytes memory key = new bytes(length);
        vm.prank(operator);
        if (length != PUBKEY_LENGTH) vm.expectRevert(bytes("Pubkey must be 65 bytes"));
        registry.updateEncryptionPubkey(key);
        assertEq(registry.getBroker(id).encryptionPubkey, length == PUBKEY_LENGTH ? key : pubkey);
    }

    function testFuzz_registerBroker_AnyFields_RoundTrip(
        address rc,
        string calldata region,
        uint256 capacity,
        uint256 load
    ) public {
        vm.assume(rc != address(0));
        vm.prank(operator);
        uint256 id = registry.registerBroker(rc, pubkey, region, capacity);
        vm.prank(operator);
        registry.updateLoad(load);

        IBrokerRegistry.Broker memory b = registry.getBroker(id);
        assertEq(b.requestsContract, rc);
        assertEq(b.region, region);
        assertEq(b.capacity, capacity);
        assertEq(b.currentLoad, load);
        assertEq(registry.requestsContractToBrokerId(rc), id);
    }

    /// @dev Random deactivate / activate / remove over five brokers in three regions, then both
    /// listing views are compared with the expected active set, in id order.
    function testFuzz_getActiveBrokersByRegion_RandomStates_MatchExpectedSets(uint256 seed) public {
        string[3] memory regions = ["eu", "us", "ap"];
        uint256 count = 5;
        bool[] memory active = new bool[](count + 1);
        for (uint256 id = 1; id <= count; id++) {
            address op = makeAddr(string.concat("op", vm.toString(id)));
            _register(op, makeAddr(string.concat("rc", vm.toString(id))), regions[id % 3], 0);
            uint256 choice = uint256(keccak256(abi.encode(seed, id))) % 4;
            active[id] = choice != 1 && choice != 2;
            if (choice == 1 || choice == 3) _deactivateAs(op);
            if (choice == 2) _removeAsAdmin(id);
            if (choice == 3) _activateAs(op);
        }
        (uint256[] memory all,) = registry.getActiveBrokers();
        _assertListed(all, active, "");
        for (uint256 r = 0; r < 3; r++) {
            (uint256[] memory inRegion, IBrokerRegistry.Broker[] memory list) =
                registry.getActiveBrokersByRegion(regions[r]);
            _assertListed(inRegion, active, regions[r]);
            for (uint256 i = 0; i < list.length; i++) {
                assertEq(list[i].region, regions[r]);
            }
        }
    }

    // ---- helpers

    function _deactivateAs(address op) private {
        vm.prank(op);
        registry.deactivate();
    }

    function _activateAs(address op) private {
        vm.prank(op);
        registry.activate();
    }

    function _removeAsAdmin(uint256 id) private {
        vm.prank(admin);
        registry.removeBroker(id);
    }

    /// @dev `ids` must be exactly the active ids (in increasing order) whose region is `region` ("" = any).
    function _assertListed(uint256[] memory ids, bool[] memory active, string memory region) private view {
        uint256 next = 0;
        for (uint256 id = 1; id < active.length; id++) {
            bool inRegion = bytes(region).length == 0
                || keccak256(bytes(registry.getBroker(id).region)) == keccak256(bytes(region));
            if (!active[id] || !inRegion) continue;
            assertLt(next, ids.length, "an expected broker is missing");
            assertEq(ids[next++], id, "listed in id order");
        }
        assertEq(ids.length, next, "no unexpected broker listed");
    }

    function _register(address op, address rc, string memory region, uint256 capacity) private returns (uint256) {
        vm.prank(op);
        return registry.registerBroker(rc, pubkey, region, capacity);
    }

    function _expectRegisterPubkeyRevert(bytes memory key) private {
        vm.prank(operator);
        vm.expectRevert(bytes("Pubkey must be 65 bytes (uncompressed secp256k1)"));
        registry.registerBroker(requestsContract, key, "eu", 0);
    }

    /// @dev A 65-byte key shaped like an uncompressed secp256k1 point: 0x04 || X || Y.
    function _pubkey(string memory label) private pure returns (bytes memory) {
        return abi.encodePacked(bytes1(0x04), keccak256(bytes(label)), keccak256(abi.encode(label)));
    }

    function _assertBrokerEq(IBrokerRegistry.Broker memory actual, IBrokerRegistry.Broker memory expected)
        private
        pure
    {
        assertEq(actual.operator, expected.operator, "operator");
        assertEq(actual.requestsContract, expected.requestsContract, "requestsContract");
        assertEq(actual.encryptionPubkey, expected.encryptionPubkey, "encryptionPubkey");
        assertEq(actual.region, expected.region, "region");
        assertEq(actual.active, expected.active, "active");
        assertEq(actual.capacity, expected.capacity, "capacity");
        assertEq(actual.currentLoad, expected.currentLoad, "currentLoad");
        assertEq(actual.registeredAt, expected.registeredAt, "registeredAt");
    }
}
