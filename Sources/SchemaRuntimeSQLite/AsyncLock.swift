import Foundation

/// A lock for async code, first come first served: a waiting task is suspended, never a blocked
/// thread. `SQLiteDatabase` holds it for a whole transaction, across the transaction's suspension
/// points, which neither GRDB's serial queues nor a thread lock can do.
///
/// Waiting is not cancellable: a cancelled task still waits for its turn, then finds itself
/// cancelled at its first database access.
actor AsyncLock {
    private var isLocked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private func lock() async {
        guard isLocked else {
            isLocked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
        // unlock() handed the lock over: it is still locked, now by us.
    }

    private func unlock() {
        if waiters.isEmpty {
            isLocked = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` while holding the lock, and releases it however `body` ends.
    nonisolated func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await lock()
        do {
            let value = try await body()
            await unlock()
            return value
        } catch {
            await unlock()
            throw error
        }
    }
}

/// A value behind a thread lock, for the little mutable state of a Sendable class.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
