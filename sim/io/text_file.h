// Reading a whole input file, with the one message for every reader when it cannot be read.
#pragma once

#include <string>

namespace integrasim {

// The file's bytes. InputError "<path>: cannot read file (<reason>)" if it cannot be
// opened or read, or is a folder.
std::string read_text_file(const std::string& path);

// As above, for a file another input names: messages name it `shown_name` (as that input
// writes it), and say where it was looked for when the path differs:
// "<shown_name>: cannot read file (<reason>; looked for <path>)".
std::string read_text_file(const std::string& path, const std::string& shown_name);

}  // namespace integrasim
