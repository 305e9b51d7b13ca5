// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Answers owner() correctly so only the ERC165 behaviour of each mock below differs.
abstract contract OwnedMock {
    address public owner;

    constructor(address initialOwner) {
        owner = initialOwner;
    }
}

/// @notice Has owner() but no supportsInterface and no fallback: the ERC165 call reverts.
contract NoErc165Mock is OwnedMock {
    constructor(address initialOwner) OwnedMock(initialOwner) {}
}

/// @notice supportsInterface always reverts.
contract RevertingErc165Mock is OwnedMock {
    constructor(address initialOwner) OwnedMock(initialOwner) {}

    function supportsInterface(bytes4) external pure returns (bool) {
        revert("supportsInterface disabled");
    }
}

/// @notice A well-behaved ERC165 contract that is not an ERC721 (supports only ERC165 itself).
contract NotErc721Mock is OwnedMock {
    constructor(address initialOwner) OwnedMock(initialOwner) {}

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7;
    }
}

/// @notice Every unknown call succeeds with no return data.
contract SilentFallbackMock is OwnedMock {
    constructor(address initialOwner) OwnedMock(initialOwner) {}

    fallback() external {}
}

/// @notice supportsInterface never finishes, burning whatever gas it is given.
contract GasBurningErc165Mock is OwnedMock {
    uint256 private _spins;

    constructor(address initialOwner) OwnedMock(initialOwner) {}

    function supportsInterface(bytes4) external view returns (bool) {
        uint256 spins = _spins;
        while (gasleft() > 0) {
            spins++;
        }
        return spins == 0;
    }
}

/// @notice supportsInterface answers the non-canonical boolean word 2.
contract NonCanonicalBoolErc165Mock is OwnedMock {
    constructor(address initialOwner) OwnedMock(initialOwner) {}

    function supportsInterface(bytes4) external pure returns (bool) {
        assembly {
            mstore(0x00, 2)
            return(0x00, 0x20)
        }
    }
}
