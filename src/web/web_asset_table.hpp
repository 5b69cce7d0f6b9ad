#pragma once
// The table of embedded files, defined by the source that embed_assets.cmake generates from the
// bundle (web_assets_data.cpp in the build tree). Internal to outbreak_web_assets: use FindAsset.

#include <cstddef>

namespace outbreak::web {

struct EmbeddedAsset {
  const char* name;
  const char* content_type;
  const char* bytes;
  size_t size;             // bytes, not counting the zero that ends the string literal
  const char* gzip_bytes;  // nullptr when the file has no gzipped copy
  size_t gzip_size;
  bool immutable;
};

extern const EmbeddedAsset kEmbeddedAssets[];
extern const size_t kEmbeddedAssetCount;

}  // namespace outbreak::web
