import Foundation

/// Reads one JSON file in a stream: each record of its top-level list (a page's `contents`, or a
/// bare array) is parsed on its own as soon as its last byte is read, checked, handed on and
/// dropped, so memory holds one record, never the file. A single document (one service, an
/// organisation with its services) is one record.
///
/// The reports are those of reading the file whole: `JSONPreScan` runs over the whole stream in
/// order, so its problems name the same record and field; a parser error names the same
/// character offset (a record's offset in the file is added to the parser's offset within it);
/// and the rest of the document (the `skeleton`, records written as `0`) is parsed last, for the
/// page's own fields and for errors outside any record. When the stream cannot tell (the scan gave
/// up somewhere the parser then accepts, a file in UTF-16), the file is read whole, as before.
extension HSDSReader {
    /// Where a streamed document comes from: a file, or bytes in memory handed over in chunks.
    enum StreamInput {
        case file(String)
        case bytes(Data)
    }

    /// Reads JSON in memory through the stream (tests and the fuzzer, at any chunk size).
    public func readStreaming(data: Data, name: String, chunkSize: Int) -> ImportBatch {
        var state = newState(shelf: MemoryShelf())
        readJSONStream(.bytes(data), file: name, explicit: true, chunkSize: chunkSize, into: &state)
        return state.finish(taxonomy: taxonomy)
    }

    func readJSONStream(_ input: StreamInput, file: String, explicit: Bool, chunkSize: Int, into state: inout ReadState) {
        let source: JSONByteSource
        switch input {
        case .bytes(let data): source = JSONByteSource(bytes: [UInt8](data), chunkSize: chunkSize)
        case .file(let path):
            guard let s = JSONByteSource(path: path, chunkSize: chunkSize) else {
                state.batch.unreadable.append("\(path): cannot be read; check its permissions")
                return
            }
            source = s
        }
        let startsAsUTF8 = (0..<4).allSatisfy { source.peek($0) != 0 } && source.peek(0) != 0xEF && source.peek(0) != 0xFE && source.peek(0) != 0xFF
        var lead = 0
        while let c = source.peek(lead), c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { lead += 1 }
        guard startsAsUTF8 || source.peek(0) == nil else { return readWhole(input, file: file, explicit: explicit, into: &state) }
        let prefix = source.peek(lead) == UInt8(ascii: "[") ? "" : "contents"

        let issuesBefore = state.sink.mark, notesBefore = state.batch.notes.count
        state.beginFile()
        let box = StateBox(state)
        var firstError: JSONSyntaxError?
        let scan = JSONPreScan(source: source, onRecord: { r in
            guard firstError == nil else { return }
            do {
                let item = try JSONSerialization.jsonObject(with: Data(r.bytes), options: [.fragmentsAllowed])
                self.readListItem(item, index: r.index, file: file, pathPrefix: prefix, explicit: explicit, into: &box.state)
            } catch {
                firstError = JSONSyntaxError(error, shift: { r.offset + $0 })
            }
        })
        let problem = scan.scan()
        state = box.state
        func refuse(_ issue: ImportIssue) {
            // The file is refused whole, as if it had been read whole: what its earlier records said is dropped.
            state.sink.rewind(to: issuesBefore)
            state.batch.notes.removeSubrange(notesBefore...)
            state.sink.add(issue)
        }
        if let p = problem {
            return refuse(ImportIssue(.error, file: file, record: p.record.map { "record " + $0 }, path: p.field, message: p.message))
        }
        var root: Any?
        if scan.gaveUp {
            // The parser judges from here: the record or skeleton so far, and what follows.
            let (bytes, shift): ([UInt8], (Int) -> Int) = scan.record.map { r in (r.bytes, { r.offset + $0 }) }
                ?? (scan.skeleton, { scan.documentOffset(ofSkeleton: $0) })
            let window = source.ahead(Self.judgedWindow)
            do {
                _ = try JSONSerialization.jsonObject(with: Data(bytes + window), options: [.fragmentsAllowed])
            } catch {
                let e = JSONSyntaxError(error, shift: shift)
                if !(e.atEnd && window.count == Self.judgedWindow) { firstError = [firstError, e].compactMap { $0 }.min() }
            }
            guard firstError != nil else { return fallBackWhole() }
        } else {
            scan.readTrailing(limit: Self.judgedWindow)
            do {
                root = try JSONSerialization.jsonObject(with: Data(scan.skeleton), options: [.fragmentsAllowed])
            } catch {
                let e = JSONSyntaxError(error, shift: { scan.documentOffset(ofSkeleton: $0) })
                firstError = [firstError, e].compactMap { $0 }.min()
            }
        }
        if let e = firstError { return refuse(ImportIssue(.error, file: file, message: Self.notValidJSON(e.detail))) }
        switch root {
        case is [Any]:
            break // Every record has been read.
        case let dict as [String: Any]:
            if !(dict["contents"] is [Any]) { readItem(dict, file: file, path: "", explicit: explicit, into: &state) }
        default:
            state.issue(.error, file: file, "holds \(RecordReader.describe(root as Any)), not an Open Referral object or list")
        }

        func fallBackWhole() {
            state.sink.rewind(to: issuesBefore)
            state.batch.notes.removeSubrange(notesBefore...)
            readWhole(input, file: file, explicit: explicit, into: &state)
        }
    }

    /// How far past a problem the parser is shown, to name it as it would in the whole file.
    static let judgedWindow = 4096

    private func readWhole(_ input: StreamInput, file: String, explicit: Bool, into state: inout ReadState) {
        switch input {
        case .bytes(let data): readJSON(data, file: file, explicit: explicit, into: &state)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                state.batch.unreadable.append("\(path): cannot be read; check its permissions")
                return
            }
            readJSON(data, file: file, explicit: explicit, into: &state)
        }
    }

    /// The message for a file the parser refuses.
    static func notValidJSON(_ detail: String) -> String {
        let hint = detail.lowercased().contains("end of file") ? "the file ends too soon; it may be truncated" : detail
        return "is not valid JSON (\(hint)); fix or re-export the file"
    }
}

/// What `JSONSerialization` said, with its character offset moved from a piece to the whole file.
struct JSONSyntaxError: Comparable {
    var offset: Int
    var detail: String
    var atEnd: Bool { offset == Int.max }

    init(_ error: Error, shift: (Int) -> Int) {
        var text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        offset = Int.max
        if let r = text.range(of: #"character \d+"#, options: .regularExpression),
           let n = Int(text[r].dropFirst("character ".count)) {
            offset = shift(n)
            text.replaceSubrange(r, with: "character \(offset)")
        }
        detail = text
    }

    static func < (a: JSONSyntaxError, b: JSONSyntaxError) -> Bool { a.offset < b.offset }
}

/// The read state, held by reference while a stream's records are handed to it one by one.
final class StateBox {
    var state: ReadState
    init(_ state: ReadState) { self.state = state }
}
