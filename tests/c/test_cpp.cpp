// The header from C++17: RAII ownership with unique_ptr deleters, and a lambda-free
// callback through a captureless function, as C++ users would write it.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "harness.h"

namespace {

template <typename T, void (*Free)(T *)>
struct Deleter {
  void operator()(T *p) const { Free(p); }
};
using Client = std::unique_ptr<sl_jellyfin_client, Deleter<sl_jellyfin_client, sl_jellyfin_client_free>>;
using Sessions = std::unique_ptr<sl_session_list, Deleter<sl_session_list, sl_session_list_free>>;
using Error = std::unique_ptr<sl_error, Deleter<sl_error, sl_error_free>>;

void cpp_raii_and_async() {
  Client client(jellyfin_login(FX.admin_user, FX.admin_password));
  CHECK(client);
  sl_session_list *raw = nullptr;
  sl_error *raw_err = nullptr;
  CHECK_OK(sl_jellyfin_get_sessions(client.get(), nullptr, nullptr, nullptr, &raw, &raw_err), &raw_err);
  Sessions sessions(raw);
  bool found = false;
  for (size_t i = 0; i < sl_session_list_len(sessions.get()); i++) {
    const char *name = sl_session_device_name(sl_session_list_get(sessions.get(), i));
    if (name && std::string(name) == "Kitchen Speaker") found = true;
  }
  CHECK(found);

  raw_err = nullptr;
  sl_status st = sl_jellyfin_send_general_command(client.get(), FX.kitchen_session_id, "NotACommand", &raw_err);
  Error error(raw_err);
  CHECK(st == SL_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(sl_error_message(error.get())).find("GoHome") != std::string::npos);

  static std::atomic<int> calls{0};
  static std::atomic<int> last{-1};
  calls = 0;
  sl_done_callback cb = [](void *, sl_status status, const sl_error *) {
    last = static_cast<int>(status);
    calls++;
  };
  CHECK(sl_jellyfin_send_general_command_async(client.get(), FX.kitchen_session_id, "GoHome", cb, nullptr, nullptr,
                                               nullptr) == SL_STATUS_OK);
  for (int i = 0; i < 1000 && calls.load() == 0; i++) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(calls.load() == 1 && last.load() == SL_STATUS_OK);
}

}  // namespace

extern "C" const test_case cpp_tests[] = {
    {"cpp_raii_and_async", cpp_raii_and_async},
    {nullptr, nullptr},
};
