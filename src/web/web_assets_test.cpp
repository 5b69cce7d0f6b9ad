#include "web/web_assets.hpp"

#include <gtest/gtest.h>

namespace outbreak::web {
namespace {

TEST(WebAssets, IndexIsHtmlAndNotCachedForGood) {
  const std::optional<Asset> index = FindAsset("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_FALSE(index->immutable);
  EXPECT_NE(index->bytes.find("<!doctype html>"), std::string_view::npos);
}

TEST(WebAssets, EveryFileTheIndexNamesIsEmbeddedAndHashed) {
  const std::string_view html = FindAsset("index.html")->bytes;
  int found = 0;
  for (std::string_view prefix : {"/assets/app-", "/assets/chunk-"}) {
    for (size_t at = html.find(prefix); at != std::string_view::npos;
         at = html.find(prefix, at + 1)) {
      const size_t start = at + std::string_view("/assets/").size();
      const size_t end = html.find('"', start);
      ASSERT_NE(end, std::string_view::npos);
      const std::string_view name = html.substr(start, end - start);
      const std::optional<Asset> asset = FindAsset(name);
      ASSERT_TRUE(asset.has_value()) << name;
      EXPECT_TRUE(asset->immutable) << name;
      EXPECT_FALSE(asset->bytes.empty()) << name;
      ++found;
    }
  }
  EXPECT_GE(found, 3);  // the script, the style sheet and the chunk the script imports
}

TEST(WebAssets, UnknownOrNestedNamesAreNotFound) {
  EXPECT_FALSE(FindAsset("").has_value());
  EXPECT_FALSE(FindAsset("nothing.js").has_value());
  EXPECT_FALSE(FindAsset("../index.html").has_value());
  EXPECT_FALSE(FindAsset("assets/index.html").has_value());
}

}  // namespace
}  // namespace outbreak::web
