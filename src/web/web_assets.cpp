#include "web/web_assets.hpp"

#include "web/web_asset_table.hpp"

namespace outbreak::web {

std::optional<Asset> FindAsset(std::string_view name) {
  if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
  for (size_t asset_idx = 0; asset_idx < kEmbeddedAssetCount; ++asset_idx) {
    const EmbeddedAsset& asset = kEmbeddedAssets[asset_idx];
    if (asset.name != name) continue;
    const std::string_view gzip_bytes = asset.gzip_bytes == nullptr
                                            ? std::string_view()
                                            : std::string_view(asset.gzip_bytes, asset.gzip_size);
    return Asset{asset.name, asset.content_type, std::string_view(asset.bytes, asset.size),
                 gzip_bytes, asset.immutable};
  }
  return std::nullopt;
}

}  // namespace outbreak::web
