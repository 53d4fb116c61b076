"""What other parts of the app do when a post is written, without the posting service
knowing them: e-mail notifications, for instance. Each callback is called once the
transaction that wrote the post has committed."""

from collections.abc import Callable

from dm3p.conversations.models import Post

# Called with each new post (after its mentions are recorded), whatever its state: a
# callback checks ``post.state`` before telling anyone.
POST_WRITTEN: list[Callable[[Post], None]] = []
