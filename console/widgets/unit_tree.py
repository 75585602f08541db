"""The organisation tree, fetched a level at a time as a person opens it.

The root is the unit the token may see (its subtree is all the API will show); each node
asks ``GET /units?parent=…`` for its children the first time it opens, so a network of
thousands of outlets costs one small request per opened unit. Selecting a node posts
:class:`~console.messages.UnitChosen`; :meth:`UnitTree.reveal` opens the way down to a unit.
"""

from __future__ import annotations

from textual import work
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from console.api import TouchstoneApi
from console.messages import UnitChosen
from console.widgets.calls import call_api
from core.api.schemas.org import UnitDetail


def unit_label(unit: UnitDetail) -> str:
    return f"{unit.name} {unit.code}"


class UnitTree(Tree[str]):
    """Units under ``root``, loaded lazily; node data is the unit's code."""

    def __init__(self, api: TouchstoneApi, root: UnitDetail, *, id: str | None = None) -> None:
        super().__init__(unit_label(root), data=root.code, id=id)
        self.api = api
        self.loaded: set[str] = set()
        self.wanted: list[str] = []

    def on_mount(self) -> None:
        self.root.expand()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.data is not None and event.node.data not in self.loaded:
            self.load_children(event.node)

    @work(group="children")
    async def load_children(self, node: TreeNode[str]) -> None:
        code = node.data
        assert code is not None
        self.loaded.add(code)
        children = await call_api(self, self.api.children(code), busy=self)
        if children is None:
            self.loaded.discard(code)
            return
        for child in children:
            added = node.add(unit_label(child), data=child.code, allow_expand=child.children > 0)
            if child.code in self.wanted:
                self.show_node(added)

    def reveal(self, path: list[str]) -> None:
        """Open the tree along ``path`` (unit codes from the root down) and put the cursor on
        its last unit, loading each level as it goes."""
        self.wanted = path
        self.show_node(self.root)

    def show_node(self, node: TreeNode[str]) -> None:
        if self.wanted and node.data == self.wanted[-1]:
            self.move_cursor(node)
        elif node.data in self.wanted:
            node.expand()
            for child in node.children:
                if child.data in self.wanted:
                    self.show_node(child)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(UnitChosen(event.node.data))
