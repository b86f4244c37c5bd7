"""The bottom of the core: where files live, how a file is written safely, how long work reports progress."""
