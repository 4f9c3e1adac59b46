import Foundation

/// How often and how patiently a request is tried again: on 5xx, 429 and broken connections,
/// never on other 4xx (asking again cannot fix a wrong URL).
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var attempts: Int
    /// The wait after the first failure; each later wait doubles, up to `maxDelay`.
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// The longest `Retry-After` obeyed. A feed that asks for longer is not waited for: the sync
    /// stops and says when to try again, rather than sitting silent for an hour.
    public var maxRetryAfter: TimeInterval

    public init(attempts: Int = 5, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30, maxRetryAfter: TimeInterval = 120) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before try `attempt + 1`, after try `attempt` (1-based) failed; nil when the feed's
    /// `Retry-After` is longer than this policy will wait.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?) -> TimeInterval? {
        if let retryAfter {
            return retryAfter > maxRetryAfter ? nil : max(0, retryAfter)
        }
        return min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
    }

    /// True for the statuses worth asking again: the server was busy or broken, not the request wrong.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }
}

/// The `Retry-After` header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date.
public enum RetryAfter {
    public static func seconds(_ value: String, now: Date) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let n = Int(text), n >= 0 { return TimeInterval(n) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            f.dateFormat = format
            if let date = f.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
