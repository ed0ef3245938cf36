#include "io/manifest.h"

#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "io/json_text.h"

namespace integrasim {

namespace {

// ---------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4). Small enough to keep here rather than add a crypto dependency.
// ---------------------------------------------------------------------------------------

constexpr std::array<std::uint32_t, 64> sha256_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

using Sha256State = std::array<std::uint32_t, 8>;

// One compression of a 64-byte block into `h` (FIPS 180-4 §6.2.2).
void sha256_block(Sha256State& h, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (std::size_t t = 0; t < 16; ++t) {
    w[t] = std::uint32_t{block[4 * t]} << 24 | std::uint32_t{block[4 * t + 1]} << 16 |
           std::uint32_t{block[4 * t + 2]} << 8 | std::uint32_t{block[4 * t + 3]};
  }
  for (std::size_t t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  Sha256State v = h;  // working variables a..h
  for (std::size_t t = 0; t < 64; ++t) {
    const std::uint32_t big_s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
    const std::uint32_t choose = (v[4] & v[5]) ^ (~v[4] & v[6]);
    const std::uint32_t t1 = v[7] + big_s1 + choose + sha256_k[t] + w[t];
    const std::uint32_t big_s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
    const std::uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    const std::uint32_t t2 = big_s0 + majority;
    for (std::size_t k = 7; k > 0; --k) v[k] = v[k - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (std::size_t k = 0; k < 8; ++k) h[k] += v[k];
}

// The message followed by 0x80, zeros and the 64-bit big-endian bit length, so that its
// length is a multiple of 64 bytes (FIPS 180-4 §5.1.1). Only the tail is copied.
std::string sha256_padded_tail(std::string_view bytes) {
  const std::size_t full_blocks = bytes.size() / 64;
  std::string tail(bytes.substr(full_blocks * 64));
  tail.push_back('\x80');
  while (tail.size() % 64 != 56) tail.push_back('\0');
  const std::uint64_t bit_length = static_cast<std::uint64_t>(bytes.size()) * 8;
  for (int shift = 56; shift >= 0; shift -= 8) {
    tail.push_back(static_cast<char>((bit_length >> shift) & 0xFF));
  }
  return tail;
}

// [{"name": ..., "sha256": ...}, ...] in the order given.
nlohmann::ordered_json file_hashes_json(const std::vector<FileHash>& files) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const FileHash& f : files) list.push_back({{"name", f.name}, {"sha256", f.sha256}});
  return list;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256State h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t full_blocks = bytes.size() / 64;
  for (std::size_t b = 0; b < full_blocks; ++b) sha256_block(h, data + 64 * b);
  const std::string tail = sha256_padded_tail(bytes);
  const auto* tail_data = reinterpret_cast<const unsigned char*>(tail.data());
  for (std::size_t offset = 0; offset < tail.size(); offset += 64) {
    sha256_block(h, tail_data + offset);
  }

  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) out += hex[(word >> shift) & 0xF];
  }
  return out;
}

std::string manifest_json(const Manifest& manifest) {
  nlohmann::ordered_json root;
  root["tool"] = "integrasim";
  root["version"] = manifest.version;
  root["git_revision"] = manifest.git_revision;
  root["build_type"] = manifest.build_type;
  root["command_line"] = manifest.command_line;
  root["scenario"] = manifest.scenario_name;
  root["description"] = manifest.description;
  // An unsigned integer, not a double: a 64-bit seed must replay exactly (doubles stop at 2^53).
  root["seed"] = manifest.seed;
  root["persons"] = manifest.persons;
  root["draws"] = manifest.draws;
  root["threads"] = manifest.threads;
  if (manifest.mpi_ranks > 1) {
    root["mpi_ranks"] = manifest.mpi_ranks;
    root["mpi_bytes"] = manifest.mpi_bytes;
  }
  root["horizon_months"] = manifest.horizon_months;
  root["csv_dialect"] = manifest.csv_dialect;
  root["started_utc"] = manifest.started_utc;
  root["wall_seconds"] = manifest.wall_seconds;
  root["inputs"] = file_hashes_json(manifest.inputs);
  root["outputs"] = file_hashes_json(manifest.outputs);
  if (!manifest.runs.empty()) {
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const ManifestRun& r : manifest.runs)
      runs.push_back({{"scenario", r.scenario_name},
                      {"scenario_file", r.scenario_file},
                      {"seed", r.seed},
                      {"persons", r.persons}});
    root["runs"] = runs;
  }
  return json_document(root);
}

}  // namespace integrasim
