#include "process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace outbreak::testing {

namespace {

pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, int out_fd,
            int err_fd) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd >= 0 ? out_fd : null_fd, STDOUT_FILENO);
    dup2(err_fd >= 0 ? err_fd : null_fd, STDERR_FILENO);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

std::string TempPath(const char* name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/outbreak-test-" + std::to_string(getpid()) +
         "-" + name;
}

}  // namespace

RunResult Run(const std::string& binary, const std::vector<std::string>& args) {
  const std::string out_path = TempPath("out");
  const std::string err_path = TempPath("err");
  const int out_fd = open(out_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  const int err_fd = open(err_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  const pid_t pid = Spawn(binary, args, out_fd, err_fd);
  close(out_fd);
  close(err_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return result;
}

pid_t Start(const std::string& binary, const std::vector<std::string>& args) {
  return Spawn(binary, args, -1, -1);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace outbreak::testing
