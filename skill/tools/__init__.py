"""Tools around the skill: they import the runtime; the runtime never imports them."""
