// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Claims ERC721 through ERC165 so only the owner() behaviour of each mock below differs.
abstract contract Erc721ClaimMock {
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x80ac58cd || interfaceId == 0x01ffc9a7;
    }
}

/// @notice Claims ERC721 but has no owner() at all.
contract OwnerlessErc721Mock is Erc721ClaimMock {}

/// @notice Claims ERC721; owner() answers `ownerAddress` in the shape chosen by `mode`.
contract OwnerShapeErc721Mock is Erc721ClaimMock {
    /// @notice How owner() answers.
    enum Mode {
        Word, // one clean 32-byte word: the valid answer
        Reverts, // reverts
        Empty, // succeeds with no data
        Short, // the 20 raw address bytes
        Long, // the address word followed by a second word
        DirtyHighBits // one word with the address and a bit set above bit 160
    }

    address public ownerAddress;
    Mode public mode;

    constructor(address initialOwner, Mode initialMode) {
        ownerAddress = initialOwner;
        mode = initialMode;
    }

    /// @notice Changes the owner reported by owner().
    function setOwnerAddress(address newOwner) external {
        ownerAddress = newOwner;
    }

    function owner() external view returns (address) {
        Mode m = mode;
        address o = ownerAddress;
        if (m == Mode.Reverts) revert("owner disabled");
        assembly {
            switch m
            case 2 { return(0x00, 0) }
            case 3 {
                mstore(0x00, o)
                return(0x0c, 20)
            }
            case 4 {
                mstore(0x00, o)
                mstore(0x20, 1)
                return(0x00, 0x40)
            }
            case 5 {
                mstore(0x00, or(o, shl(160, 1)))
                return(0x00, 0x20)
            }
        }
        return o;
    }
}
