//! Zed starts only the language servers an extension declares: this one declares `shipshape lsp` for Markdown and
//! starts the repository's own Shipshape, as the VS Code extension does. Zed runs it in the worktree (the folder
//! with `shipshape.config.json`), where `npx` finds `node_modules/.bin/shipshape`.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Shipshape;

impl zed::Extension for Shipshape {
    fn new() -> Self {
        Shipshape
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let lsp = ["lsp", "--stdio"].map(String::from).to_vec();
        // A `shipshape` on the PATH (a global install), else the repository's through npx.
        let (command, args) = match (worktree.which("shipshape"), worktree.which("npx")) {
            (Some(shipshape), _) => (shipshape, lsp),
            (None, Some(npx)) => (npx, [vec!["shipshape".to_string()], lsp].concat()),
            (None, None) => return Err("Shipshape: neither shipshape nor npx is on the PATH (npm install --save-dev shipshape in the repository)".into()),
        };
        Ok(zed::Command { command, args, env: worktree.shell_env() })
    }
}

zed::register_extension!(Shipshape);
