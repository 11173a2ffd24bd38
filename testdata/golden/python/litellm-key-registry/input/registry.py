_keys = {}


def add_key(provider, key):
    _keys[provider] = key


def get_key(provider):
    return _keys[provider]
