import Foundation
import Hummingbird
import NIOCore

/// Files shipped in the HTTPAPI module's resources (the /docs page, the console's templates and assets), read
/// once. A missing folder or file is an installation error: it stops the API when the router is built rather
/// than on a reader's first visit.
enum BundledFiles {
    /// Every file of the resource folder `folder`, by name.
    static func read(_ folder: String) -> [String: Data] {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent(folder),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else {
            preconditionFailure("the \(folder) folder is missing from the HTTPAPI resources")
        }
        var files: [String: Data] = [:]
        for name in names {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else {
                preconditionFailure("the resource \(folder)/\(name) cannot be read")
            }
            files[name] = data
        }
        return files
    }
}

/// A static file ready to send, with its content type.
struct StaticAsset: Sendable {
    let body: ByteBuffer
    let contentType: String

    /// `files` that have a known type (`.html`, `.js`, `.css`), by name.
    static func assets(_ files: [String: Data]) -> [String: StaticAsset] {
        let types = [
            "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
            "css": "text/css; charset=utf-8",
        ]
        var assets: [String: StaticAsset] = [:]
        for (name, data) in files {
            guard let type = types[String(name.split(separator: ".").last ?? "")] else { continue }
            assets[name] = StaticAsset(body: ByteBuffer(bytes: data), contentType: type)
        }
        return assets
    }

    /// The asset as a response: `policy` as its Content-Security-Policy, `cache` as its Cache-Control.
    func response(policy: String, cache: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .contentSecurityPolicy: policy, .cacheControl: cache],
            body: ResponseBody(byteBuffer: body))
    }
}
