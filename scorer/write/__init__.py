"""Writers: turn results into files and terminal output. They only read results."""
