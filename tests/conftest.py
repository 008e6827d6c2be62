from hypothesis import settings

# Property tests measure correctness, not speed: no per-example deadline.
settings.register_profile("mittelverteilung", deadline=None, max_examples=150)
settings.load_profile("mittelverteilung")
