"""The page bench: the site's key pages under a real HTTP load, beside a bare Django view
(see bench/README.md)."""
