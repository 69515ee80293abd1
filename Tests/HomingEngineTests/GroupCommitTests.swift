import Synchronization
import Testing

@testable import HomingEngine

/// Concurrent callers each get their own item's result, every item is written once, and a failed
/// write fails only the callers whose items were in it.
@Suite struct GroupCommitTests {
    @Test func concurrentItemsAreEachWrittenOnceAndEachCallerGetsItsOwnResult() async throws {
        let writes = Mutex<[[Int]]>([])
        let commits = GroupCommit<Int, String>(label: "test.group-commit") { items in
            writes.withLock { $0.append(items) }
            return items.map { .success("item \($0)") }
        }
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for item in 0..<200 { group.addTask { (item, try await commits.submit(item)) } }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.value == "item \($0.key)" })
        let batches = writes.withLock { $0 }
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200), "every item written exactly once")
    }

    @Test func aThrowingWriteFailsEveryItemOfItsBatchAndOneItemsFailureOnlyThatItem() async throws {
        struct Refused: Error {}
        let commits = GroupCommit<Int, Int>(label: "test.group-commit-errors") { items in
            if items.contains(-1) { throw Refused() }
            return items.map { $0 == 7 ? .failure(Refused()) : .success($0 * 2) }
        }
        await #expect(throws: Refused.self) { try await commits.submit(-1) }
        await #expect(throws: Refused.self) { try await commits.submit(7) }
        #expect(try await commits.submit(21) == 42)
    }
}
