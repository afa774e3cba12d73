// The C++ suite's runner: starts the emulator binary as a child with pipes on stdin/stdout,
// reads its URL and fixtures, runs every registered test (or those whose name contains
// argv[1]) and exits non-zero on a failure, or when no test ran.
#include "harness.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

extern char** environ;

namespace harness {

Fixtures FX;

std::vector<Test>& registry() {
  static std::vector<Test> tests;
  return tests;
}

std::string where(const char* file, int line) { return std::string(file) + ":" + std::to_string(line); }

namespace {
FILE* emu_in = nullptr;
FILE* emu_out = nullptr;
pid_t emu_pid = 0;
std::mutex emu_lock;

std::string read_line(FILE* f) {
  std::string line;
  int c;
  while ((c = std::fgetc(f)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
  return line;
}

bool start_emulator() {
  const char* path = std::getenv("SESSIONLINK_EMULATOR");
  if (!path) {
    std::cerr << "SESSIONLINK_EMULATOR is not set\n";
    return false;
  }
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0 || pipe(from_child) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  std::string program(path);
  char* argv[] = {program.data(), nullptr};
  int rc = posix_spawn(&emu_pid, path, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  if (rc != 0) {
    std::cerr << "cannot start " << path << "\n";
    return false;
  }
  emu_in = fdopen(to_child[1], "w");
  emu_out = fdopen(from_child[0], "r");
  std::string url = read_line(emu_out), hello = read_line(emu_out);
  std::size_t jf = hello.find("\"jellyfin\":"), g4 = hello.find("\"g4\":");
  if (url.empty() || jf == std::string::npos || g4 == std::string::npos) {
    std::cerr << "unexpected emulator greeting: " << url << " / " << hello << "\n";
    return false;
  }
  std::string j = hello.substr(jf), g = hello.substr(g4);
  FX.url = url;
  FX.g4_url = json_string(hello, "g4_url");
  FX.admin_user = json_string(j, "admin_user");
  FX.admin_password = json_string(j, "admin_password");
  FX.admin_id = json_string(j, "admin_id");
  FX.user = json_string(j, "user");
  FX.user_password = json_string(j, "user_password");
  FX.user_id = json_string(j, "user_id");
  FX.api_key = json_string(j, "api_key");
  FX.living_room_session_id = json_string(j, "living_room_session_id");
  FX.kitchen_session_id = json_string(j, "kitchen_session_id");
  FX.movie_id = json_string(j, "movie_id");
  FX.g4_tenant = json_string(g, "tenant");
  FX.g4_user = json_string(g, "user");
  FX.g4_password = json_string(g, "password");
  return !FX.admin_user.empty() && !FX.g4_tenant.empty();
}

void stop_emulator() {
  std::fclose(emu_in);  // EOF on its stdin stops it
  std::fclose(emu_out);
  int status = 0;
  waitpid(emu_pid, &status, 0);
}
}  // namespace

std::string control(const std::string& line) {
  std::lock_guard<std::mutex> guard(emu_lock);
  std::fprintf(emu_in, "%s\n", line.c_str());
  std::fflush(emu_in);
  return read_line(emu_out);
}

bool control_ok(const std::string& line) {
  std::string answer = control(line);
  bool ok = answer.find("\"ok\":true") != std::string::npos && answer.find("\"error\"") == std::string::npos;
  if (!ok) std::cerr << "control " << line << ": " << answer << "\n";
  return ok;
}

std::string json_string(const std::string& json, const std::string& key) {
  std::string pattern = "\"" + key + "\":\"";
  std::size_t p = json.find(pattern);
  if (p == std::string::npos) return "";
  p += pattern.size();
  std::size_t end = json.find('"', p);
  return end == std::string::npos ? "" : json.substr(p, end - p);
}

sessionlink::JellyfinClient jellyfin(const std::string& device_id) {
  sessionlink::JellyfinOptions o;
  o.base_url = FX.url;
  o.device_name = "C++ tests";
  o.device_id = device_id;
  o.client_name = "sessionlink-cpp-tests";
  return sessionlink::JellyfinClient(o);
}

sessionlink::JellyfinClient login(const std::string& user, const std::string& password, const std::string& device_id) {
  sessionlink::JellyfinClient c = jellyfin(device_id);
  c.authenticate_by_name(user, password);
  return c;
}

sessionlink::G4Client g4() {
  sessionlink::G4Options o;
  o.base_url = FX.g4_url;
  o.tenant = FX.g4_tenant;
  o.application = "sessionlink-cpp-tests";
  return sessionlink::G4Client(o);
}

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace harness

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  if (!harness::start_emulator()) return 2;
  int ran = 0, failed = 0;
  for (const auto& t : harness::registry()) {
    if (filter && !std::strstr(t.name, filter)) continue;
    ran++;
    try {
      t.run();
      std::cerr << "ok   " << t.name << "\n";
    } catch (const harness::Failure& f) {
      failed++;
      std::cerr << "FAIL " << t.name << ": " << f.what << "\n";
    } catch (const std::exception& e) {
      failed++;
      std::cerr << "FAIL " << t.name << ": unexpected exception: " << e.what() << "\n";
    }
  }
  harness::stop_emulator();
  std::cerr << ran << " tests, " << failed << " failed\n";
  return failed == 0 && ran > 0 ? 0 : 1;
}
