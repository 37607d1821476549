-- The init.lua of test/editors/neovim.test.ts: the Neovim 0.7 setup of docs/commands.md (a FileType autocmd starting
-- one client with `vim.lsp.start_client` and attaching it to each Markdown buffer), which the test writes to
-- SHIPSHAPE_SETUP with its `npx shipshape` replaced by this repository's, then a scripted session against
-- `shipshape lsp`; what the editor saw is written as JSON for the test to assert.
--
-- In: `nvim … -u neovim-init.lua content/index.md` in the project folder; env SHIPSHAPE_SETUP, SHIPSHAPE_OUT
-- Out: SHIPSHAPE_OUT = { diagnostics = [...], completion = [labels], definition = uri, renamed = true } or { error = '...' }

local env = vim.env
local timeout = 20000

dofile(env.SHIPSHAPE_SETUP)

local function write_out(result)
  local file = assert(io.open(env.SHIPSHAPE_OUT, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local client_id

-- The one answer of our client to a request, or an error naming the method and what came back.
local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(0, method, params, timeout)
  assert(responses, method .. ': ' .. tostring(err))
  local response = responses[client_id]
  -- 0.7 names a response's error `error`, later versions `err`.
  assert(response and not (response.error or response.err), method .. ': ' .. vim.inspect(response))
  return response.result
end

-- The position of the first `needle` in the current buffer, `offset` characters into it (all ASCII here).
local function position_of(needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, true)) do
    local col = line:find(needle, 1, true)
    if col then
      return { line = i - 1, character = col - 1 + offset }
    end
  end
  error('not in the buffer: ' .. needle)
end

local function session()
  local out = {}
  local buf = vim.api.nvim_get_current_buf()
  -- 0.7 lists a client of the buffer only once the server has answered `initialize`.
  local function attached()
    for id, client in pairs(vim.lsp.buf_get_clients(buf)) do
      if client.name == 'shipshape' then client_id = id end
    end
    return client_id ~= nil
  end
  assert(vim.wait(timeout, attached, 50), 'no shipshape client attached to ' .. vim.api.nvim_buf_get_name(buf))
  local uri = vim.uri_from_bufnr(buf)

  assert(vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics published')
  out.diagnostics = vim.tbl_map(function(d)
    return { lnum = d.lnum, col = d.col, code = d.code, message = d.message, source = d.source }
  end, vim.diagnostic.get(buf))

  -- Type `[[dep` on a new last line, ask for completion at its end, and take the line back out.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, true, { '[[dep' })
  local completion = request('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = last, character = 5 },
  })
  local items = completion.items or completion
  out.completion = vim.tbl_map(function(item) return item.label end, items)
  vim.api.nvim_buf_set_lines(buf, last, last + 1, true, {})

  local at_link = { textDocument = { uri = uri }, position = position_of('[[deployment-strategy]]', 3) }
  local definition = request('textDocument/definition', at_link)
  out.definition = definition.uri or definition.targetUri or (definition[1] and (definition[1].uri or definition[1].targetUri))

  local edit = request('textDocument/rename', vim.tbl_extend('force', at_link, { newName = 'rollout-strategy' }))
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  vim.cmd('wall')
  out.renamed = true
  return out
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, result = pcall(session)
    write_out(ok and result or { error = tostring(result) })
    vim.cmd('qa!')
  end,
})
