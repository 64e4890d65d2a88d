-- wrk script for the load measurement in the README: every request posts
-- the article named by $ARTICLE as page text to /v1/analyze.
--
--   ARTICLE=testdata/articles/01-harbour-vote.txt wrk -t2 -c16 -d30s --latency \
--       -s examples/serve/post.lua http://127.0.0.1:8080/v1/analyze
local f = assert(io.open(os.getenv("ARTICLE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"

done = function(summary, latency, requests)
	io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
