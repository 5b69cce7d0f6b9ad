#pragma once
// ResponseCache: answers already rendered, kept while the data they came from has not changed.
// Each entry remembers the data version it was rendered at; an entry of an older version is a
// miss. Bounded: when full, it starts again empty. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/http_types.hpp"

namespace outbreak::http {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries = 4096) : max_entries_(max_entries) {}

  std::optional<HttpResponse> Find(const std::string& key, uint64_t version) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.version != version) return std::nullopt;
    return it->second.response;
  }

  void Store(const std::string& key, uint64_t version, const HttpResponse& response) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = {version, response};
  }

 private:
  struct Entry {
    uint64_t version = 0;
    HttpResponse response;
  };
  size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace outbreak::http
