"""Scripts beside the package: set-up, the bundle, screenshots; tests import the bundle builder."""
