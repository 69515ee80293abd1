import Foundation

/// Writes a line to standard error, where warnings and problems go so standard output stays the result.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
