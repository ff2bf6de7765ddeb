//! planscope app (placeholder until the foundation lands).
