import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API, for the import's hot loops.
///
/// GRDB's typed bindings allocate per call; bulk import binds millions of values, so it binds directly.
/// The GRDB `Statement` is kept so it finalizes the handle when this object goes away.
final class RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    /// The connection's cached statement for `sql`, prepared once for the connection's lifetime
    /// rather than once per transaction. Only for statements that are never stepped while another
    /// use of the same SQL is still mid-step; every user binds all parameters before stepping.
    init(cached db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        // From the string's own UTF-8 storage with its length: no C-string copy, no strlen.
        value.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                sqlite3_bind_text(handle, index, "", 0, rawTransient)  // a nil pointer would bind NULL
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), rawTransient)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    /// Steps once; true when a row is available.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Runs to completion and resets, returning the number of rows changed.
    @discardableResult
    func execute() throws -> Int {
        try step()
        sqlite3_reset(handle)
        return Int(sqlite3_changes(connection))
    }

    func reset() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: text)
    }

    /// Whether text column `column` holds exactly `value`, compared in place without making a `String`.
    func text(_ column: Int32, equals value: String) -> Bool {
        guard let text = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        var value = value
        return value.withUTF8 { bytes in
            bytes.count == count && (count == 0 || memcmp(bytes.baseAddress!, text, count) == 0)
        }
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}

private let rawTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
