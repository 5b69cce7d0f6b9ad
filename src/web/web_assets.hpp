#pragma once
// The command-centre page, embedded in the binary: the files that esbuild bundled from web/ at
// build time (index.html and its hashed script and style sheet), each also gzipped, compiled in
// as byte arrays so that `outbreak serve` needs no files on disk and fetches nothing at run time.
//
// The bytes live in static storage for the life of the program; lookups are thread-safe.

#include <optional>
#include <string_view>

namespace outbreak::web {

struct Asset {
  std::string_view name;          // the file name, e.g. "app-5NXQ3Z7Q.js"
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
  std::string_view bytes;
  std::string_view gzip_bytes;  // the same file gzipped, or empty when there is none
  // The name carries a hash of the content, so a browser may keep the file for good.
  bool immutable = false;
};

// The asset of that file name ("index.html", "app-5NXQ3Z7Q.js"), or nullopt when there is none.
// Names are flat: anything with a slash, or not embedded, is nullopt.
std::optional<Asset> FindAsset(std::string_view name);

}  // namespace outbreak::web
