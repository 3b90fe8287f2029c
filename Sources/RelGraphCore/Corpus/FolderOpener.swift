import Foundation

/// Opens files for reading (`O_RDONLY | O_CLOEXEC`) relative to their folder, which stays open
/// from one file to the next: the kernel walks a folder's path once, and then each file's name
/// alone, instead of each file's whole path (on the 100 MB corpus, 24,165 files in 32-file
/// chunks: about half a microsecond of system time less a file, in a C loop 0.089 s → 0.077 s).
///
/// The same files open, and the same fail: a path is split at its last `/`, and the folder
/// is opened as `open` of the whole path would resolve it (symlinks followed); a path without
/// a folder, one of `PATH_MAX` bytes or more (which `open` refuses), or one whose folder
/// cannot be opened (say, searchable but not readable) is opened whole. The name is opened
/// with `O_NOFOLLOW`, and a name that is a symlink (or a loop of them; `ELOOP`) is opened
/// whole too: Linux allows 40 symlink hops per path lookup, and the folder's lookup and the
/// name's would each have their own allowance, so a file at the end of a folder reached
/// through 40 hops, itself a symlink, would open where `open` of its path fails with `ELOOP`.
/// A name that is not a symlink adds no hop, so a folder opened within the allowance leaves
/// its plain files as `open` finds them.
///
/// One difference remains, in a race: a folder renamed, or a symlink on its path re-pointed,
/// while a chunk is read, is still read through the descriptor opened when the chunk reached
/// it, where `open` would resolve each file's path at its own moment (that version races per
/// file instead, and may mix the old and new folders within a chunk).
struct FolderOpener {
    /// The folder last opened (its path's bytes), when `hasFolder`; `descriptor` is −1 if it
    /// could not be opened (its files are then opened whole, without trying it again).
    private var folder: [UInt8] = []
    private var hasFolder = false
    private var descriptor: Int32 = -1
    /// The file name's bytes, NUL-terminated, for `openat`: room for the longest name a folder
    /// can hold (`NAME_MAX`); a longer one is opened whole (and refused, as `openat` would).
    private var name = [UInt8](repeating: 0, count: 256)

    /// A descriptor of `path` opened for reading, or −1 (and `errno`) as `open` gives them.
    mutating func open(_ path: String) -> Int32 {
        var path = path
        let relative = path.withUTF8 { bytes -> Int32? in
            // Through pointers, `memcmp` and `memcpy`: the collection methods on the bytes
            // (`lastIndex(of:)`, appending a slice) cost about as much as the kernel saved.
            guard let base = bytes.baseAddress, bytes.count < Int(PATH_MAX) else { return nil }
            var slash = bytes.count - 1
            while slash >= 0 && base[slash] != UInt8(ascii: "/") { slash -= 1 }
            let nameCount = bytes.count - slash - 1
            guard slash >= 0, nameCount > 0, nameCount < name.count else { return nil }
            // The root folder is "/", not the empty path.
            let folderCount = max(slash, 1)
            let sameFolder = hasFolder && folder.count == folderCount
                && folder.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, folderCount) == 0 }
            if !sameFolder {
                close()
                folder = Array(UnsafeBufferPointer(start: base, count: folderCount))
                var terminated = folder
                terminated.append(0)
                descriptor = terminated.withUnsafeBufferPointer { terminated in
                    terminated.withMemoryRebound(to: CChar.self) { Foundation.open($0.baseAddress!, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
                }
                hasFolder = true
            }
            guard descriptor >= 0 else { return nil }
            return name.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.update(from: base + slash + 1, count: nameCount)
                buffer[nameCount] = 0
                let opened = buffer.withMemoryRebound(to: CChar.self) { openat(descriptor, $0.baseAddress!, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
                return opened < 0 && errno == ELOOP ? nil : opened
            }
        }
        return relative ?? path.withCString { Foundation.open($0, O_RDONLY | O_CLOEXEC) }
    }

    /// Closes the folder; the next `open` opens one again.
    mutating func close() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        descriptor = -1
        hasFolder = false
    }
}
