"""Detection rates per invocation: tsan-rate and share-rate."""
