-- jianggao (讲稿) for Neovim: registers `jianggao lsp` for text and Markdown buffers.
--
--   require('jianggao').setup({
--     cmd = { 'jianggao', 'lsp' },
--     filetypes = { 'text', 'markdown' },
--     settings = { rules = { placeholder = { severity = 'warning' } } },
--   })
--
-- Uses vim.lsp.config / vim.lsp.enable on Neovim 0.11+ and vim.lsp.start from a FileType
-- autocmd on 0.10. `settings` is the server's `jianggao` section: it is sent as
-- initializationOptions and answers the server's `workspace/configuration` requests.

local M = {}

M.name = 'jianggao'

local FIX_ALL = 'source.fixAll.jianggao'

M.defaults = {
  cmd = { 'jianggao', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'jianggao.toml', '.git' },
  -- The `jianggao` settings section: enable, debounce-ms, draft = {...}, rules = {...}.
  settings = {},
  -- Extra fields merged into the client config (on_attach, capabilities, handlers, ...).
  client = {},
  -- Define :JianggaoOutline, :JianggaoInfo and :JianggaoFixAll.
  commands = true,
  -- Force the 0.10 code path (vim.lsp.start from FileType) on newer versions too.
  legacy = false,
}

M.options = nil

-- Speaking time per buffer, for statusline(); filled from `jianggao/draftInfo`.
local draft_info = {}

-- An empty Lua table is sent as a JSON array (`[]`), which the server rejects as settings:
-- mark the tables that must be JSON objects.
local function as_object(t)
  if type(t) ~= 'table' then
    return t
  end
  return next(t) == nil and vim.empty_dict() or t
end

--- The settings as the server reads them: the section, `draft`, `rules` and each rule's
--- table are JSON objects even when empty.
function M.normalize_settings(settings)
  local out = vim.deepcopy(settings or {})
  if type(out.draft) == 'table' then
    out.draft = as_object(out.draft)
  end
  if type(out.rules) == 'table' then
    for code, rule in pairs(out.rules) do
      out.rules[code] = as_object(rule)
    end
    out.rules = as_object(out.rules)
  end
  return as_object(out)
end

local function client_config(opts)
  local settings = M.normalize_settings(opts.settings)
  return vim.tbl_deep_extend('force', {
    name = M.name,
    cmd = opts.cmd,
    -- Neovim's workspace/configuration handler looks sections up in `settings`.
    settings = { jianggao = settings },
    init_options = settings,
  }, opts.client)
end

local function has_modern_config()
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.config) == 'table' and vim.lsp.enable ~= nil
end

--- The jianggao clients attached to `bufnr` (all of them when nil).
function M.clients(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ name = M.name, bufnr = bufnr })
end

local function start_legacy(opts, bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local root = vim.fs.root and vim.fs.root(bufnr, opts.root_markers)
  local config = client_config(opts)
  config.root_dir = root or (file ~= '' and vim.fs.dirname(file)) or vim.uv.cwd()
  vim.lsp.start(config, { bufnr = bufnr })
end

--- Registers the server. Safe to call again: the latest options win.
function M.setup(user)
  local opts = vim.tbl_deep_extend('force', {}, M.defaults, user or {})
  -- Lists replace rather than merge (tbl_deep_extend would merge by index).
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if user and user[key] then
      opts[key] = user[key]
    end
  end
  M.options = opts

  local group = vim.api.nvim_create_augroup('jianggao', { clear = true })
  if has_modern_config() and not opts.legacy then
    local config = client_config(opts)
    config.filetypes = opts.filetypes
    config.root_markers = opts.root_markers
    vim.lsp.config(M.name, config)
    vim.lsp.enable(M.name)
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = opts.filetypes,
      callback = function(args)
        start_legacy(opts, args.buf)
      end,
    })
    -- Buffers already open when setup() runs (lazy-loaded plugin).
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
        start_legacy(opts, bufnr)
      end
    end
  end

  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    group = group,
    callback = function(args)
      if #M.clients(args.buf) > 0 then
        M.refresh_info(args.buf)
      end
    end,
  })

  if opts.commands then
    M.create_commands()
  end
end

--- Sends new settings to running clients without a restart (workspace/didChangeConfiguration).
function M.update_settings(settings)
  if M.options then
    M.options.settings = settings
  end
  for _, client in ipairs(M.clients()) do
    client.settings = client.settings or {}
    client.settings.jianggao = M.normalize_settings(settings)
    local params = { settings = client.settings }
    if vim.fn.has('nvim-0.11') == 1 then
      client:notify('workspace/didChangeConfiguration', params)
    else
      client.notify('workspace/didChangeConfiguration', params)
    end
  end
end

--- Asks the server for the buffer's speaking time (`jianggao/draftInfo`), for statusline().
--- Only jianggao's clients are asked: other servers on the buffer do not know the request.
function M.refresh_info(bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.clients(bufnr)[1]
  if not client then
    if callback then
      callback(nil)
    end
    return
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  local function handler(err, result)
    local ok = not err and type(result) == 'table' and type(result.minutes) == 'number'
    if ok then
      draft_info[bufnr] = result
    end
    if callback then
      callback(ok and result or nil)
    end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('jianggao/draftInfo', params, handler, bufnr)
  else
    client.request('jianggao/draftInfo', params, handler, bufnr)
  end
end

--- The number of findings in a draftInfo answer (a count per rule code, a list, or a number).
function M.count(findings)
  if type(findings) == 'number' then
    return findings
  end
  local total = 0
  for _, v in pairs(type(findings) == 'table' and findings or {}) do
    total = total + (type(v) == 'number' and v or 1)
  end
  return total
end

--- "约 8 分钟" for the current buffer, or '' (for 'statusline' / lualine).
function M.statusline()
  local info = draft_info[vim.api.nvim_get_current_buf()]
  -- Nothing spoken (or a server that does not count yet): nothing to show.
  if not info or info.spokenChars == 0 then
    return ''
  end
  return info.minutes == 0 and '不足 1 分钟' or ('约 ' .. info.minutes .. ' 分钟')
end

--- Applies the server's fix-all action ("删除全部网页残留") to the buffer.
function M.fix_all()
  -- The whole buffer: a fix-all action is about the document, not the cursor.
  local last = vim.api.nvim_buf_line_count(0)
  local last_line = vim.api.nvim_buf_get_lines(0, last - 1, last, false)[1] or ''
  vim.lsp.buf.code_action({
    context = { only = { FIX_ALL }, diagnostics = {} },
    range = { start = { 1, 0 }, ['end'] = { last, #last_line } },
    apply = true,
  })
end

function M.create_commands()
  vim.api.nvim_create_user_command('JianggaoOutline', function()
    vim.lsp.buf.document_symbol()
  end, { desc = '讲稿大纲（document symbols）' })
  vim.api.nvim_create_user_command('JianggaoFixAll', M.fix_all, { desc = '删除全部网页残留' })
  vim.api.nvim_create_user_command('JianggaoInfo', function()
    M.refresh_info(0, function(info)
      if not info then
        vim.notify('jianggao：当前缓冲区没有讲稿信息', vim.log.levels.WARN)
        return
      end
      vim.notify(
        string.format('讲稿约 %s 字，预计讲 %s 分钟；%s 处问题', info.spokenChars or '?', info.minutes, M.count(info.findings))
      )
    end)
  end, { desc = '讲稿字数与预计时长' })
end

return M
