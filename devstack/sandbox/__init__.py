"""The provider sandbox: local servers speaking each provider's HTTP contract, and a page of what they got."""
