-- A minimal config to try the plugin (and to take editors/nvim/screenshot.txt):
--   JIANGGAO_BIN=target/debug/jianggao nvim --clean -u editors/nvim/tests/minimal_init.lua draft.txt
local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p')))
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('filetype on')
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.wrap = true
vim.o.linebreak = false
vim.o.laststatus = 2
vim.o.statusline = "%f %= %{v:lua.require'jianggao'.statusline()}  %l:%c "
vim.diagnostic.config({ virtual_text = { prefix = '●' }, signs = true, underline = true, severity_sort = true })
require('jianggao').setup({ cmd = { os.getenv('JIANGGAO_BIN') or 'jianggao', 'lsp' } })
