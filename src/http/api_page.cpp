// The command-centre page: index.html at /, and the bundled script and style sheet under
// /assets/, from the files embedded in the binary (src/web). Public: the page itself holds no
// data; it signs in and reads the API like any other client.

#include <cstdlib>

#include <fmt/format.h>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "web/web_assets.hpp"

namespace outbreak::http {

namespace {

// Whether an Accept-Encoding header admits gzip ("gzip", "gzip;q=0.8", but not "gzip;q=0").
bool AcceptsGzip(const std::string& accept_encoding) {
  size_t start = 0;
  while (start < accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string::npos) end = accept_encoding.size();
    std::string item = accept_encoding.substr(start, end - start);
    start = end + 1;
    item.erase(0, item.find_first_not_of(' '));
    const size_t semicolon = item.find(';');
    std::string coding = item.substr(0, semicolon);
    while (!coding.empty() && coding.back() == ' ') coding.pop_back();
    if (coding != "gzip" && coding != "*") continue;
    if (semicolon == std::string::npos) return true;
    std::string params = item.substr(semicolon + 1);
    params.erase(0, params.find_first_not_of(' '));
    if (!params.starts_with("q=")) return true;
    return std::strtod(params.c_str() + 2, nullptr) > 0;
  }
  return false;
}

// A Host header fit to repeat in a header: a name or address and a port, nothing else.
bool IsPlainHost(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  for (const char c : host) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!plain) return false;
  }
  return true;
}

HttpResponse AssetResponse(const web::Asset& asset, const HttpRequest& request) {
  HttpResponse response;
  response.content_type = std::string(asset.content_type);
  const bool gzip = !asset.gzip_bytes.empty() && AcceptsGzip(request.Header("accept-encoding"));
  response.body = std::string(gzip ? asset.gzip_bytes : asset.bytes);
  if (gzip) response.headers.emplace_back("Content-Encoding", "gzip");
  response.headers.emplace_back("Vary", "Accept-Encoding");
  // Hashed names change with their content: keep them for good. The index names them, so it is
  // checked on every visit.
  response.headers.emplace_back(
      "Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace

void AddPageRoutes(Router& router_) {
  router_.Add({"GET",
               "/",
               std::nullopt,
               "",
               {"The command-centre page", "page", {}, "", "", 200, false},
               [](RequestContext& context) {
                 const std::optional<web::Asset> index = web::FindAsset("index.html");
                 if (!index) return ErrorResponse(Status::NotFound("this build has no page"));
                 HttpResponse response = AssetResponse(*index, context.request);
                 // Scripts, styles and connections only from this server: nothing else runs.
                 // Some browsers do not count its WebSocket as 'self': it is named.
                 const std::string host = context.request.Header("host");
                 const std::string live =
                     IsPlainHost(host) ? fmt::format(" ws://{0} wss://{0}", host) : "";
                 response.headers.emplace_back(
                     "Content-Security-Policy",
                     fmt::format("default-src 'self'; connect-src 'self'{}; img-src 'self' data:; "
                                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                                 "form-action 'self'",
                                 live));
                 response.headers.emplace_back("Referrer-Policy", "no-referrer");
                 return response;
               }});
  router_.Add({"GET",
               "/assets/{file}",
               std::nullopt,
               "",
               {"A file of the command-centre page", "page", {}, "", "", 200, false},
               [](RequestContext& context) {
                 const std::string file = context.Param("file");
                 const std::optional<web::Asset> asset = web::FindAsset(file);
                 if (!asset || file == "index.html") {
                   return ErrorResponse(Status::NotFound(fmt::format("no such file: {}", file)));
                 }
                 return AssetResponse(*asset, context.request);
               }});
}

}  // namespace outbreak::http
