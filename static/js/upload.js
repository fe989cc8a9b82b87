// Upload page: drag-and-drop or pick files, check them here, send them, then follow each
// file's processing status (polling the status API) until it is completed or failed.
(function () {
  "use strict";

  var form = document.getElementById("upload-form");
  if (!form) return;
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("file-input");
  var batchBox = document.getElementById("batch");
  var summary = document.getElementById("batch-summary");
  var overall = document.getElementById("batch-progress");
  var list = document.getElementById("file-list");
  var maxSize = parseInt(form.dataset.maxSize, 10);
  var maxFiles = parseInt(form.dataset.maxFiles, 10);
  var extensions = form.dataset.extensions.split(",");
  var candidateUrl = form.dataset.candidateUrl;
  var statusUrl = form.dataset.statusUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var POLL_MS = 1000;
  var STATUS_CHUNK = 100;
  var pending = {};
  var polling = false;
  var rows = [];
  var batchUrl = null;
  var batchCounts = null;

  var STEPS = {
    extracting: "Reading the file",
    parsing: "Parsing",
    enriching: "Refining",
    saving: "Saving the candidate",
    matching: "Matching jobs"
  };

  function humanSize(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  function problemWith(file) {
    var name = file.name.toLowerCase();
    var okType = extensions.some(function (ext) { return name.endsWith(ext); });
    if (!okType) return "Not a PDF, DOCX or DOC file.";
    if (file.size === 0) return "The file is empty.";
    if (file.size > maxSize) return "Too large (" + humanSize(file.size) + "; the limit is " + humanSize(maxSize) + ").";
    return null;
  }

  function addRow(name) {
    var li = document.createElement("li");
    var label = document.createElement("span");
    label.className = "name";
    label.textContent = name;
    var right = document.createElement("div");
    var bar = document.createElement("progress");
    bar.className = "progress";
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Progress of " + name);
    var status = document.createElement("span");
    status.className = "status";
    status.textContent = "Waiting";
    var actions = document.createElement("span");
    actions.className = "actions";
    right.appendChild(bar);
    right.appendChild(status);
    right.appendChild(document.createTextNode(" "));
    right.appendChild(actions);
    li.appendChild(label);
    li.appendChild(right);
    list.appendChild(li);
    var row = { name: name, li: li, bar: bar, status: status, actions: actions, state: "waiting", progress: 0 };
    rows.push(row);
    return row;
  }

  function settle(row, state, text, progress) {
    row.state = state;
    row.progress = progress;
    row.bar.value = progress;
    row.status.textContent = text;
    row.status.className = "status " + (state === "failed" || state === "rejected" ? "error" : state === "completed" ? "ok" : "");
    row.li.dataset.state = state;
    updateSummary();
  }

  function link(row, candidateId, text) {
    row.actions.textContent = "";
    if (!candidateId) return;
    var a = document.createElement("a");
    a.href = candidateUrl.replace("00000000-0000-0000-0000-000000000000", candidateId);
    a.textContent = text || "Open the candidate";
    row.actions.appendChild(a);
  }

  function retryButton(row, retryUrl) {
    row.actions.textContent = "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "Retry";
    button.setAttribute("aria-label", "Retry " + row.name);
    button.addEventListener("click", function () {
      button.disabled = true;
      post(retryUrl, null).then(function () {
        row.actions.textContent = "";
        settle(row, "processing", "Queued again", 0);
        track(row);
      }).catch(function (error) {
        button.disabled = false;
        row.status.textContent = error.message;
      });
    });
    row.actions.appendChild(button);
  }

  function updateSummary() {
    if (!rows.length) return;
    var done = rows.filter(function (r) { return ["completed", "failed", "rejected", "duplicate"].indexOf(r.state) >= 0; });
    var failed = rows.filter(function (r) { return r.state === "failed" || r.state === "rejected"; });
    var total = rows.reduce(function (sum, r) { return sum + r.progress; }, 0);
    overall.value = Math.round(total / rows.length);
    var text = done.length + " of " + rows.length + " file" + (rows.length === 1 ? "" : "s") + " done";
    if (failed.length) text += ", " + failed.length + " failed";
    if (batchCounts) {
      text += " (batch: " + batchCounts.processed + " of " + batchCounts.total + " processed, " +
        batchCounts.succeeded + " succeeded, " + batchCounts.failed + " failed)";
    }
    var finished = done.length === rows.length;
    summary.textContent = finished ? "Finished: " + text + "." : text + "…";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.detail || "The server refused the request (" + response.status + ").");
        return data;
      });
    });
  }

  // One request per poll for every file still processing (in chunks of STATUS_CHUNK ids).
  function track(row) {
    pending[row.resumeId] = row;
    if (!polling) {
      polling = true;
      window.setTimeout(pollAll, POLL_MS);
    }
  }

  function pollAll() {
    var ids = Object.keys(pending);
    if (!ids.length) {
      polling = false;
      return;
    }
    var chunks = [];
    for (var i = 0; i < ids.length; i += STATUS_CHUNK) chunks.push(ids.slice(i, i + STATUS_CHUNK));
    Promise.all(chunks.map(function (chunk) {
      var query = chunk.map(function (id) { return "ids=" + encodeURIComponent(id); }).join("&");
      return fetch(statusUrl + "?" + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("Could not read the progress (" + response.status + ").");
          return response.json();
        })
        .then(function (body) {
          Object.keys(body.resumes).forEach(function (id) {
            if (pending[id]) show(pending[id], body.resumes[id]);
          });
        });
    })).catch(function (error) {
      summary.textContent = error.message + " Trying again…";
    }).then(function () {
      window.setTimeout(pollAll, POLL_MS);
    });
  }

  function show(row, s) {
    if (s.status === "completed") {
      delete pending[row.resumeId];
      settle(row, "completed", s.needs_review ? "Done: needs review" : "Done", 100);
      link(row, s.candidate_id);
      return;
    }
    if (s.status === "failed") {
      delete pending[row.resumeId];
      settle(row, "failed", "Failed: " + (s.error || "the resume could not be read."), 100);
      retryButton(row, row.retryUrl);
      return;
    }
    var step = STEPS[s.current_step] || (s.status === "queued" ? "Queued" : "Processing");
    settle(row, "processing", step + " " + s.progress + "%", Math.max(s.progress, 5));
  }

  function pollBatch() {
    if (!batchUrl) return;
    fetch(batchUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (batch) {
        if (!batch) return;
        batchCounts = batch;
        updateSummary();
        if (batch.status !== "completed") window.setTimeout(pollBatch, POLL_MS);
      })
      .catch(function () { window.setTimeout(pollBatch, POLL_MS * 3); });
  }

  function handleFiles(fileList) {
    var files = Array.prototype.slice.call(fileList || []);
    if (!files.length) return;
    batchBox.hidden = false;
    if (files.length > maxFiles) {
      summary.textContent = "Choose at most " + maxFiles + " files at once.";
      return;
    }
    var body = new FormData();
    var sent = [];
    files.forEach(function (file) {
      var row = addRow(file.name);
      var problem = problemWith(file);
      if (problem) {
        settle(row, "rejected", "Not uploaded: " + problem, 100);
        return;
      }
      settle(row, "uploading", "Uploading", 0);
      body.append("files", file, file.name);
      sent.push(row);
    });
    if (!sent.length) return;
    post(form.action, body).then(function (result) {
      batchUrl = result.batch_url;
      // The server answers each file in the order it was sent.
      sent.forEach(function (row, index) {
        var answer = (result.files || [])[index];
        if (!answer) {
          settle(row, "failed", "No answer for this file.", 100);
        } else if (answer.rejected) {
          settle(row, "rejected", "Not accepted: " + answer.detail, 100);
        } else if (answer.duplicate) {
          settle(row, "duplicate", "Already in your database", 100);
          link(row, answer.candidate_id);
        } else {
          row.resumeId = answer.resume_id;
          row.retryUrl = answer.retry_url;
          settle(row, "processing", "Queued", 5);
          track(row);
        }
      });
      pollBatch();
    }).catch(function (error) {
      sent.forEach(function (row) { settle(row, "failed", "Upload failed: " + error.message, 100); });
    });
  }

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("dragover");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.remove("dragover");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer) handleFiles(event.dataTransfer.files);
  });
  input.addEventListener("change", function () {
    handleFiles(input.files);
    input.value = "";
  });
})();
