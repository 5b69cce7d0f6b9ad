#pragma once
// LiveFeed: publish/subscribe of events (new and corrected reports, validation findings) for the
// WebSocket feed. Each event names the region it concerns so that subscribers can keep to what
// their role may see.
//
// Thread-safe. Subscribers are called on the publishing thread and must not block: they hand the
// event to their own queue.

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/region_tree.hpp"

namespace outbreak::app {

struct LiveEvent {
  RegionIdx region = kNoRegion;  // the reporting unit or region the event concerns
  // `region` and every region above it up to the root. Subscribers are called while the writer
  // holds the region tree, so they tell from this, not from the tree, whom the event concerns.
  std::vector<RegionIdx> within;
  std::string json;  // the event as a JSON object
};

class LiveFeed {
 public:
  using Subscriber = std::function<void(const LiveEvent&)>;

  // Returns an id for Unsubscribe.
  int Subscribe(Subscriber subscriber);
  void Unsubscribe(int id);
  void Publish(const LiveEvent& event);
  size_t subscriber_count() const;

 private:
  mutable std::mutex mutex_;
  int next_id_ = 1;
  std::map<int, Subscriber> subscribers_;
};

}  // namespace outbreak::app
