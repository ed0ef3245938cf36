// Reading a whole input file, with the one message for every reader when it cannot be read.
#pragma once

#include <string>

namespace integrasim {

// The file's bytes. InputError "<path>: cannot read file (<reason>)" if it cannot be
// opened or read, or is a folder.
std::string read_text_file(const std::string& path);

}  // namespace integrasim
