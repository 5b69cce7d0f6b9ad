#include "app/live_feed.hpp"

#include <vector>

namespace outbreak::app {

int LiveFeed::Subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  const int id = next_id_++;
  subscribers_.emplace(id, std::move(subscriber));
  return id;
}

void LiveFeed::Unsubscribe(int id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

void LiveFeed::Publish(const LiveEvent& event) {
  std::vector<Subscriber> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_) targets.push_back(subscriber);
  }
  for (const Subscriber& subscriber : targets) subscriber(event);
}

size_t LiveFeed::subscriber_count() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

}  // namespace outbreak::app
