// The C++ suite's harness: a registry of test functions, checks that stop a test at the first
// failure, and the sessionlink-emulator binary ($SESSIONLINK_EMULATOR) as a child process
// with its stdin control protocol and seeded fixtures.
#ifndef SL_CPP_HARNESS_HPP
#define SL_CPP_HARNESS_HPP

#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "sessionlink.hpp"

namespace harness {

struct Failure {
  std::string what;
};

struct Test {
  const char* name;
  void (*run)();
};
std::vector<Test>& registry();
struct Register {
  Register(const char* name, void (*run)()) { registry().push_back({name, run}); }
};

#define TEST(name)                                          \
  static void name();                                       \
  static const harness::Register register_##name(#name, name); \
  static void name()

std::string where(const char* file, int line);

#define CHECK(cond)                                                                        \
  do {                                                                                     \
    if (!(cond)) throw harness::Failure{harness::where(__FILE__, __LINE__) + ": " #cond}; \
  } while (0)

// Runs `expr`, which must throw `Type`; binds the caught exception to `e` for the checks
// that follow in `body`.
#define CHECK_THROWS(Type, expr, e, body)                                                        \
  do {                                                                                           \
    bool thrown_ = false;                                                                        \
    try {                                                                                        \
      (void)(expr);                                                                              \
    } catch (const Type& e) {                                                                    \
      thrown_ = true;                                                                            \
      body;                                                                                      \
    }                                                                                            \
    if (!thrown_) throw harness::Failure{harness::where(__FILE__, __LINE__) + ": no " #Type " from " #expr}; \
  } while (0)

// The running emulator's seeded data (see docs/testing.md "The seeded data").
struct Fixtures {
  std::string url, g4_url;
  std::string admin_user, admin_password, admin_id, user, user_password, user_id, api_key;
  std::string living_room_session_id, kitchen_session_id, movie_id;
  std::string g4_tenant, g4_user, g4_password;
};
extern Fixtures FX;

// Sends one control line to the emulator; returns its one-line JSON answer.
std::string control(const std::string& line);
// Sends a control line whose answer must have "ok":true.
bool control_ok(const std::string& line);

// The string value of the first `"key":"..."` in `json` ("" when absent).
std::string json_string(const std::string& json, const std::string& key);

// Clients as the tests use them.
sessionlink::JellyfinClient jellyfin(const std::string& device_id = "sessionlink-cpp-tests");
sessionlink::JellyfinClient login(const std::string& user, const std::string& password,
                                  const std::string& device_id = "sessionlink-cpp-tests");
sessionlink::G4Client g4();

// A loopback port nothing listens on (bound, then closed).
int closed_port();

// A one-shot event a handler signals and a test waits for (with a generous deadline: the
// suite also runs under valgrind).
class Event {
 public:
  void set() {
    std::lock_guard<std::mutex> g(m_);
    set_ = true;
    cv_.notify_all();
  }
  bool wait(int seconds = 30) {
    std::unique_lock<std::mutex> g(m_);
    return cv_.wait_for(g, std::chrono::seconds(seconds), [&] { return set_; });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool set_ = false;
};

}  // namespace harness

#endif
