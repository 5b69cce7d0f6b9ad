#pragma once
// Draws the progress of a long import on a terminal (rows and rows per second); silent when
// standard error is not a terminal, so logs and pipes stay clean.

#include "core/progress.hpp"

namespace outbreak::cli {

// A ProgressFn that draws on stderr when it is a terminal, or an empty one otherwise.
ProgressFn TerminalProgress();
// Ends the progress line, if one was drawn.
void EndTerminalProgress();

}  // namespace outbreak::cli
