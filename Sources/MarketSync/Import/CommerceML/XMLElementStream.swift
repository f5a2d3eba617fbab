internal import Foundation
#if canImport(FoundationXML)
internal import FoundationXML
#endif

/// The element names a handler acts on, made once per event from the name the parser gives.
protocol XMLElementName: Sendable, Equatable {
    /// The name `name` stands for (a catch-all for names the handler does not act on).
    init(named name: String)
}

/// What an ``XMLElementStream`` tells as it reads. `path` is the open elements, root first, the current one last.
protocol XMLElementHandler: AnyObject {
    /// The names it acts on.
    associatedtype Name: XMLElementName
    /// An element called `name` starts, on `line`.
    func start(_ path: [Name], name: String, attributes: [String: String], line: Int) throws
    /// The element last in `path` ends; `text` is the character data since its start tag (its whole text when it
    /// is a leaf, as CommerceML values are).
    func end(_ path: [Name], text: String, line: Int) throws
}

/// Reads an XML file as a stream of element events (SAX), never holding the document: Foundation's `XMLParser`
/// over an `InputStream` feeds libxml2's push parser 128 KiB at a time.
///
/// The prolog is checked first (``XMLPrologGuard``: no DTD, no entities). Any error libxml2 reports stops the
/// read, although Foundation runs it in recovery mode: a file that is not well-formed is refused whole, with its
/// line. A handler's error stops it too, and is the one thrown.
struct XMLElementStream: Sendable {
    /// The file read.
    let path: String

    /// Reads the file through `handler`.
    func read(into handler: some XMLElementHandler) throws {
        try XMLPrologGuard().check(path: path)
        guard let stream = InputStream(fileAtPath: path) else {
            throw MarketSyncError(.source, "cannot open the file", file: path)
        }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        let delegate = Delegate(path: path, handler: handler)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed else {
            let reason = parser.parserError.map { CatalogReader.reason($0) } ?? "unknown error"
            throw MarketSyncError(.source, "not well-formed XML: \(reason)", file: path, line: parser.lineNumber)
        }
        guard delegate.sawRoot else { throw MarketSyncError(.source, "the file is empty: no XML element", file: path) }
    }

    /// Bridges `XMLParser`'s callbacks to the handler, keeping the open elements and the current text.
    private final class Delegate<Handler: XMLElementHandler>: NSObject, XMLParserDelegate {
        let path: String
        let handler: Handler
        var stack: [Handler.Name] = []
        var text = ""
        var failure: MarketSyncError?
        var sawRoot = false

        init(path: String, handler: Handler) {
            self.path = path
            self.handler = handler
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            guard failure == nil else { return }
            sawRoot = true
            stack.append(Handler.Name(named: elementName))
            text = ""
            run(parser) { try handler.start(stack, name: elementName, attributes: attributeDict, line: parser.lineNumber) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard failure == nil else { return }
            run(parser) { try handler.end(stack, text: text, line: parser.lineNumber) }
            text = ""
            if !stack.isEmpty { stack.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard failure == nil else { return }
            failure = MarketSyncError(.source, Self.reason(libxml2Code: (parseError as NSError).code), file: path, line: parser.lineNumber)
            parser.abortParsing()
        }

        /// What a libxml2 error code means, for people; the code is kept for the rest. (Foundation passes libxml2's
        /// own codes; its `XMLParser.ErrorCode` cases are numbered one lower on Linux, so the numbers are used here.)
        static func reason(libxml2Code code: Int) -> String {
            switch code {
            case 26, 27: "an entity reference is refused (CommerceML files need no entities)"
            case 4: "not well-formed XML: no element where the document should start"
            case 5: "not well-formed XML: the file ends before its elements are closed (cut short, or still being written?)"
            case 40, 73, 77: "not well-formed XML: a tag is not finished (libxml2 error \(code))"
            case 76: "not well-formed XML: an end tag does not match its start tag"
            default: "not well-formed XML (libxml2 error \(code))"
            }
        }

        /// Runs a handler call; its error stops the parse and is kept.
        private func run(_ parser: XMLParser, _ body: () throws -> Void) {
            do { try body() } catch let error as MarketSyncError {
                failure = error
                parser.abortParsing()
            } catch {
                failure = MarketSyncError(.source, "\(error)", file: path, line: parser.lineNumber)
                parser.abortParsing()
            }
        }
    }
}
