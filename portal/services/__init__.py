"""Every write of the shared core: one function per change, one transaction each."""
