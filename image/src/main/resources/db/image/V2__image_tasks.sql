-- Import tasks (GET /v2/images/{id}/tasks, Image API 2.12+).
CREATE TABLE image_task (
    id VARCHAR(36) PRIMARY KEY,
    image_id VARCHAR(36) NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    type VARCHAR(30) NOT NULL,
    status VARCHAR(30) NOT NULL,
    input TEXT NOT NULL,
    message TEXT NOT NULL,
    owner VARCHAR(64),
    user_id VARCHAR(64),
    request_id VARCHAR(64),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX image_task_image ON image_task (image_id);
