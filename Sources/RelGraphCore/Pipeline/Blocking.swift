import Foundation

/// Runs async work to completion from synchronous code — the command-line entry points,
/// which are not in an async context — by blocking the calling thread until it finishes.
///
/// Never call it from inside a task: it would block a thread of the cooperative pool.
public func runBlocking<Result: Sendable, Failure: Error>(_ body: @escaping @Sendable () async throws(Failure) -> Result) throws(Failure) -> Result {
    let box = BlockingResult<Result, Failure>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do throws(Failure) {
            box.set(.success(try await body()))
        } catch {
            box.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return try box.get().get()
}

private final class BlockingResult<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, Failure>?

    func set(_ value: Result<Value, Failure>) { lock.withLock { result = value } }

    func get() -> Result<Value, Failure> { lock.withLock { result! } }
}
